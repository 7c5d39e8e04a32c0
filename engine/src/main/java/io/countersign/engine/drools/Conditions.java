package io.countersign.engine.drools;

import io.countersign.engine.eval.CompiledWindow;
import io.countersign.engine.eval.Missing;
import io.countersign.lang.ast.Expr;
import io.countersign.lang.ast.Literal;
import io.countersign.lang.ast.Operand;
import io.countersign.lang.ast.Path;
import io.countersign.lang.ast.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A condition as {@link DrlCompiler} translates it: which top-level conjuncts become plain constraints
 * on the fact (equalities the network hashes, checks the {@link Operators} evaluate) rather than part
 * of the condition evaluated by shared code, and what else the compiler needs to know of a condition:
 * whether it reads {@code risk}, and the profile it requires.
 */
final class Conditions {

    private Conditions() {
    }

    /**
     * A conjunct as a plain constraint: either an equality of {@code root} with a string, the
     * network hashes, as its DRL; or a check of {@code records} ({@link Checks}).
     */
    record Plain(String root, String drl, String check) {
    }

    /** Whether a condition reads {@code risk}: then its rule can match only once the score is known. */
    static boolean readsRisk(Expr e) {
        return Missing.paths(e).stream().anyMatch(p -> p.root().equals("risk"));
    }

    /** The profile a condition requires with a top-level {@code profile == "..."}, or null. */
    static String requiredProfile(Expr condition) {
        for (Expr c : condition instanceof Expr.And a ? a.operands() : List.of(condition)) {
            if (c instanceof Expr.Compare cmp && cmp.op() == Expr.CompareOp.EQ) {
                if (cmp.left() instanceof Path p && p.text().equals("profile") && cmp.right() instanceof Literal.Str v) {
                    return v.value();
                }
                if (cmp.right() instanceof Path p && p.text().equals("profile") && cmp.left() instanceof Literal.Str v) {
                    return v.value();
                }
            }
        }
        return null;
    }

    /**
     * The plain constraints of a condition's top-level conjuncts: its checks, and its first equality
     * of each attribute, which are the constraints its own rule has ({@link DrlCompiler}).
     */
    static List<Plain> directConstraints(Expr condition, Map<String, Window> windows) {
        List<Plain> out = new ArrayList<>();
        Set<String> roots = new java.util.HashSet<>();
        for (Expr c : condition instanceof Expr.And a ? a.operands() : List.of(condition)) {
            Plain d = direct(c, windows);
            if (d != null && (d.root() == null || roots.add(d.root()))) {
                out.add(d);
            }
        }
        return out;
    }

    /**
     * A conjunct as a plain constraint, or null: an equality the network can hash, or one of the
     * {@link Operators} (membership, duration limits, windows), which shared code evaluates.
     */
    static Plain direct(Expr e, Map<String, Window> windows) {
        if (e instanceof Expr.Compare c && c.op() == Expr.CompareOp.EQ) {
            Operand l = c.left();
            Operand r = c.right();
            if (r instanceof Path && l instanceof Literal) {
                Operand t = l;
                l = r;
                r = t;
            }
            if (l instanceof Path p && p.fields().isEmpty() && (p.root().equals("profile") || p.root().equals("requester"))
                    && r instanceof Literal.Str s) {
                return new Plain(p.root(), p.root() + " == " + DrlCompiler.string(s.value()), null);
            }
        }
        if (e instanceof Expr.InGroup g) {
            return new Plain(null, null, (g.negated() ? "not " : "") + Operators.HAS_GROUP + " "
                    + Operators.escape(g.group().value()));
        }
        if (e instanceof Expr.Compare c && c.left() instanceof Path p && p.root().equals("duration")
                && c.right() instanceof Literal.Dur d) {
            // Nanoseconds, not whole seconds: PT4H0.5S is neither == 4h nor <= 4h.
            long n = d.value().toNanos();
            // == and != are left to the condition: as constraints, a thousand of them that all hold
            // were a chain of a thousand alpha nodes, which Drools walks recursively.
            return switch (c.op()) {
                case LE -> new Plain(null, null, Operators.AT_MOST + " " + n);
                case GT -> new Plain(null, null, "not " + Operators.AT_MOST + " " + n);
                case GE -> new Plain(null, null, Operators.AT_LEAST + " " + n);
                case LT -> new Plain(null, null, "not " + Operators.AT_LEAST + " " + n);
                case EQ, NE -> null;
            };
        }
        if (e instanceof Expr.During d) {
            return new Plain(null, null, Operators.IN_WINDOW + " " + Operators.windowText(window(d, windows)));
        }
        if (e instanceof Expr.Not n && n.operand() instanceof Expr.During d) {
            return new Plain(null, null, "not " + Operators.IN_WINDOW + " " + Operators.windowText(window(d, windows)));
        }
        return null;
    }

    private static CompiledWindow window(Expr.During d, Map<String, Window> windows) {
        Window w = d.window().resolve(windows);
        return CompiledWindow.of(w);
    }
}
