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

    /** The analysing thread's stack: 1 GiB reserved (see {@link #onDeepStack}). */
    static final long DEEP_STACK_BYTES = 1L << 30;

    private final Context ctx;
    private Solver solver;
    private long queries;
    private int timeoutMillis;

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

    /**
     * Runs {@code work} on a thread with a deep stack and waits for it. Z3 walks terms recursively on
     * the calling thread's native stack: a thousand-rule set's diff overflowed the 1 MB of a Java thread
     * and killed the process with a segmentation fault. The stack is reserved, not committed: memory is
     * used only as deep as Z3 goes.
     */
    public static <T> T onDeepStack(java.util.function.Supplier<T> work) {
        Object[] result = new Object[1];
        Throwable[] failed = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = work.get();
            } catch (Throwable e) {
                failed[0] = e;
            }
        }, "z3-analysis", DEEP_STACK_BYTES);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            t.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while analysing", e);
        }
        if (failed[0] instanceof RuntimeException e) {
            throw e;
        }
        if (failed[0] instanceof Error e) {
            throw e;
        }
        if (failed[0] != null) {
            throw new IllegalStateException(failed[0]);
        }
        @SuppressWarnings("unchecked")
        T out = (T) result[0];
        return out;
    }

    public Context ctx() {
        return ctx;
    }

    /** Asserts what holds for every question (call once, after the encodings are built). */
    public void background(List<BoolExpr> constraints, int timeoutMillis) {
        background(constraints, timeoutMillis, false);
    }

    /**
     * As {@link #background(List, int)}; with {@code mostlySatisfiable}, relevancy propagation is off:
     * lint's questions mostly have models, and without it the core finds them in about half the time
     * (the example set's lint: 1.2-1.7 s of solver CPU instead of 2.0-4.1 s). It changes the search,
     * not what is sound. Diff's questions end in a proof that nothing is left, which it slows (the
     * example set's diff: 10.6-10.9 s instead of 8.1-9.3 s), and its examples read worse: diff keeps it.
     */
    public void background(List<BoolExpr> constraints, int timeoutMillis, boolean mostlySatisfiable) {
        solver = ctx.mkSolver();
        this.timeoutMillis = timeoutMillis;
        Params p = ctx.mkParams();
        p.add("timeout", timeoutMillis);
        if (mostlySatisfiable) {
            p.add("relevancy", 0);
        }
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

    /**
     * A model found within {@code work} units of the solver's resource count, when the question has
     * one; none when the solver cannot find one within it. For asking a nicer example of what is
     * already known to hold. A count, not a time: the same question gets the same example however
     * busy the machine is (a time limit gave a loaded machine the unreadable model instead).
     */
    public Optional<Model> exampleWithin(long work, BoolExpr... assumptions) {
        Params p = ctx.mkParams();
        p.add("rlimit", (int) Math.min(Integer.MAX_VALUE, work));
        solver.setParameters(p);
        try {
            return example(assumptions);
        } finally {
            Params back = ctx.mkParams();
            back.add("rlimit", 0);
            back.add("timeout", timeoutMillis);
            solver.setParameters(back);
        }
    }

    public long queries() {
        return queries;
    }

    @Override
    public void close() {
        ctx.close();
    }
}
