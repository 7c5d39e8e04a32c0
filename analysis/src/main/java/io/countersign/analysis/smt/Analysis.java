package io.countersign.analysis.smt;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.Model;
import com.microsoft.z3.Params;
import com.microsoft.z3.Solver;
import com.microsoft.z3.Status;
import java.util.List;
import java.util.Optional;

/**
 * One Z3 context and solver for one analysis (a context is not thread-safe; close it to free the
 * native memory). Questions are asked under push/pop, over the request space's constraints.
 */
public final class Analysis implements AutoCloseable {

    /** What a question's answer was: a model, none (unsatisfiable), or the solver could not tell. */
    public sealed interface Answer {
        record Sat(Model model) implements Answer {
        }

        record Unsat() implements Answer {
        }

        record Unknown(String reason) implements Answer {
        }
    }

    private final Context ctx;
    private Solver solver;
    private long queries;

    public Analysis() {
        this.ctx = new Context();
    }

    /**
     * Starts loading Z3's native library on a thread of its own and returns at once. The library is
     * unpacked from the jar on every start (tens of megabytes: about a quarter of a second of CPU); a
     * command that calls this before reading its policies has it ready by the time it asks. The first
     * {@code new Analysis()} waits for the load (class initialisation is done once, by one thread).
     */
    public static void preload() {
        Thread t = new Thread(() -> {
            try {
                Class.forName("com.microsoft.z3.Native");
            } catch (ClassNotFoundException | LinkageError e) {
                // the caller's own first use reports it
            }
        }, "z3-preload");
        t.setDaemon(true);
        t.start();
    }

    public Context ctx() {
        return ctx;
    }

    /** Asserts what holds for every question (call once, after the encodings are built). */
    public void background(List<BoolExpr> constraints, int timeoutMillis) {
        solver = ctx.mkSolver();
        Params p = ctx.mkParams();
        p.add("timeout", timeoutMillis);
        // Relevancy propagation off: the questions are mostly satisfiable, and without it the core
        // finds their models in about half the time (the example set's lint: 1.2-1.7 s of solver CPU
        // instead of 2.0-4.1 s); it changes the search, not what is sound.
        p.add("relevancy", 0);
        solver.setParameters(p);
        constraints.forEach(c -> solver.add(new BoolExpr[] {c}));
    }

    public Answer ask(BoolExpr... assumptions) {
        queries++;
        solver.push();
        try {
            for (BoolExpr a : assumptions) {
                solver.add(new BoolExpr[] {a});
            }
            Status s = solver.check();
            return switch (s) {
                case SATISFIABLE -> new Answer.Sat(solver.getModel());
                case UNSATISFIABLE -> new Answer.Unsat();
                default -> new Answer.Unknown(solver.getReasonUnknown());
            };
        } finally {
            solver.pop();
        }
    }

    /** A model, when the question has one. */
    public Optional<Model> example(BoolExpr... assumptions) {
        return ask(assumptions) instanceof Answer.Sat s ? Optional.of(s.model()) : Optional.empty();
    }

    public long queries() {
        return queries;
    }

    @Override
    public void close() {
        ctx.close();
    }
}
