package io.countersign.engine.eval;

import io.countersign.lang.ast.Expr;
import io.countersign.lang.ast.Operand;
import io.countersign.lang.ast.Path;
import io.countersign.lang.ast.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Why a condition is unknown: the predicate that made it so, and the attribute that predicate
 * needed. One definition, so both evaluators name the same attribute.
 */
public final class Missing {

    private Missing() {
    }

    /** The attribute an unknown condition needed: the first absent path, or the first with a wrong-typed value. */
    public static String of(Expr e, Map<String, Window> windows, Facts f) {
        Optional<Expr> culprit = culprit(e, windows, f);
        if (culprit.isEmpty()) {
            return "an attribute";
        }
        List<Path> paths = paths(culprit.get());
        for (Path p : paths) {
            if (f.value(p.text()) == Facts.ABSENT) {
                return p.text();
            }
        }
        return paths.isEmpty() ? "an attribute" : paths.get(0).text() + " (a value of the wrong type)";
    }

    /**
     * The predicate that keeps {@code e} from being true: in an {@code and} the first operand that is
     * not true; in an {@code or} the first unknown operand if the whole is unknown, else the first;
     * under {@code not}, the negated predicate itself. Empty when {@code e} is true.
     */
    public static Optional<Expr> culprit(Expr e, Map<String, Window> windows, Facts f) {
        int v = Interpreter.eval(e, windows, f);
        if (v == Tri.TRUE) {
            return Optional.empty();
        }
        return Optional.of(e.accept(new Culprit(windows, f, v)));
    }

    /**
     * The culprit of a condition that is not true ({@code value}): a connective looks into its
     * operands; any other kind is the culprit itself. A new kind fails to compile here until it says
     * which of the two it is.
     */
    private record Culprit(Map<String, Window> windows, Facts f, int value) implements Expr.Cases<Expr> {
        @Override
        public Expr and(Expr.And a) {
            for (Expr x : a.operands()) {
                if (Interpreter.eval(x, windows, f) != Tri.TRUE) {
                    return culprit(x, windows, f).orElse(x);
                }
            }
            return a;
        }

        @Override
        public Expr or(Expr.Or o) {
            for (Expr x : o.operands()) {
                if (value == Tri.FALSE || Interpreter.eval(x, windows, f) == Tri.UNKNOWN) {
                    return culprit(x, windows, f).orElse(x);
                }
            }
            return o;
        }

        @Override
        public Expr not(Expr.Not n) {
            return n;
        }

        @Override
        public Expr constant(Expr.Const c) {
            return c;
        }

        @Override
        public Expr has(Expr.Has h) {
            return h;
        }

        @Override
        public Expr inGroup(Expr.InGroup g) {
            return g;
        }

        @Override
        public Expr during(Expr.During d) {
            return d;
        }

        @Override
        public Expr between(Expr.Between b) {
            return b;
        }

        @Override
        public Expr compare(Expr.Compare c) {
            return c;
        }

        @Override
        public Expr in(Expr.In i) {
            return i;
        }

        @Override
        public Expr matches(Expr.Matches m) {
            return m;
        }

        @Override
        public Expr contains(Expr.Contains c) {
            return c;
        }
    }

    /** The paths a predicate reads, in source order. */
    public static List<Path> paths(Expr e) {
        List<Path> out = new ArrayList<>();
        collect(e, out);
        return out;
    }

    private static void collect(Expr e, List<Path> out) {
        e.accept(new PathsOf(out));
    }

    /** The paths of each kind of condition: a new kind fails to compile here until its paths are named. */
    private record PathsOf(List<Path> out) implements Expr.Leaves {
        @Override
        public Void has(Expr.Has h) {
            out.add(h.path());
            return null;
        }

        @Override
        public Void inGroup(Expr.InGroup g) {
            return null;
        }

        @Override
        public Void during(Expr.During d) {
            return null;
        }

        @Override
        public Void between(Expr.Between b) {
            return null;
        }

        @Override
        public Void compare(Expr.Compare c) {
            operand(c.left(), out);
            operand(c.right(), out);
            return null;
        }

        @Override
        public Void in(Expr.In i) {
            operand(i.left(), out);
            operand(i.right(), out);
            return null;
        }

        @Override
        public Void matches(Expr.Matches m) {
            operand(m.left(), out);
            return null;
        }

        @Override
        public Void contains(Expr.Contains c) {
            operand(c.left(), out);
            operand(c.right(), out);
            return null;
        }
    }

    private static void operand(Operand o, List<Path> out) {
        if (o instanceof Path p) {
            out.add(p);
        }
    }
}
