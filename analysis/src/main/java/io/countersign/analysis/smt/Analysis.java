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

    public Context ctx() {
        return ctx;
    }

    /** Asserts what holds for every question (call once, after the encodings are built). */
    public void background(List<BoolExpr> constraints, int timeoutMillis) {
        solver = ctx.mkSolver();
        Params p = ctx.mkParams();
        p.add("timeout", timeoutMillis);
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
