package io.countersign.engine.eval;

import io.countersign.lang.ast.Expr;
import io.countersign.lang.ast.Literal;
import io.countersign.lang.ast.Operand;
import io.countersign.lang.ast.Path;
import io.countersign.lang.ast.Window;
import io.countersign.lang.check.LiteralValues;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a condition by walking its AST: the meaning of conditions stated once, directly. The
 * reference evaluator is built on it; the Drools path compiles the same meaning into rules, and a
 * property test holds the two to the same answers.
 */
public final class Interpreter {

    private Interpreter() {
    }

    public static int eval(Expr e, Map<String, Window> windows, Facts f) {
        return e.accept(new Walk(windows, f));
    }

    /** A predicate (not and/or/not); the connectives evaluate as {@link #eval} does. */
    public static int predicate(Expr e, Map<String, Window> windows, Facts f) {
        return e.accept(new Walk(windows, f));
    }

    /** One evaluation: a case for every kind of condition, checked by the compiler. */
    private record Walk(Map<String, Window> windows, Facts f) implements Expr.Cases<Integer> {

        @Override
        public Integer and(Expr.And a) {
            int r = Tri.TRUE;
            for (Expr x : a.operands()) {
                r = Tri.and(r, x.accept(this));
            }
            return r;
        }

        @Override
        public Integer or(Expr.Or o) {
            int r = Tri.FALSE;
            for (Expr x : o.operands()) {
                r = Tri.or(r, x.accept(this));
            }
            return r;
        }

        @Override
        public Integer not(Expr.Not n) {
            return Tri.not(n.operand().accept(this));
        }

        @Override
        public Integer constant(Expr.Const c) {
            return Tri.of(c.value());
        }

        @Override
        public Integer has(Expr.Has h) {
            return Ops.has(f.value(h.path().text()));
        }

        @Override
        public Integer inGroup(Expr.InGroup g) {
            boolean in = f.inGroup(g.group().value());
            return Tri.of(g.negated() != in);
        }

        @Override
        public Integer during(Expr.During d) {
            Window w = d.window().resolve(windows);
            return CompiledWindow.of(w).holds(f.getAt());
        }

        @Override
        public Integer between(Expr.Between b) {
            long[] range = range(b);
            return Ops.between(f.getAt(), range[0], range[1]);
        }

        @Override
        public Integer compare(Expr.Compare c) {
            Object l = value(c.left(), f);
            Object r = value(c.right(), f);
            return switch (c.op()) {
                case EQ -> Ops.eq(l, r);
                case NE -> Ops.ne(l, r);
                case LT -> Ops.lt(l, r);
                case LE -> Ops.le(l, r);
                case GT -> Ops.gt(l, r);
                case GE -> Ops.ge(l, r);
            };
        }

        @Override
        public Integer in(Expr.In i) {
            int r = Ops.in(value(i.left(), f), value(i.right(), f));
            return i.negated() ? Tri.not(r) : r;
        }

        @Override
        public Integer matches(Expr.Matches m) {
            Object v = value(m.left(), f);
            int r = m.regex() ? Ops.regex(v, m.pattern().value()) : Ops.glob(v, m.pattern().value());
            return m.negated() ? Tri.not(r) : r;
        }

        @Override
        public Integer contains(Expr.Contains c) {
            Object l = value(c.left(), f);
            Object r = value(c.right(), f);
            return switch (c.quantifier()) {
                case ONE -> Ops.contains(l, r);
                case ANY -> Ops.containsAny(l, r);
                case ALL -> Ops.containsAll(l, r);
            };
        }
    }

    /** {@code now between A and B in Z}: [start of A, start of the day after B) in Z, as epoch seconds. */
    public static long[] range(Expr.Between b) {
        ZoneId zone = b.zone().map(z -> ZoneId.of(z.value())).orElse(ZoneOffset.UTC);
        LocalDate from = b.from().value();
        LocalDate to = b.to().value().plusDays(1);
        return new long[] {from.atStartOfDay(zone).toEpochSecond(), to.atStartOfDay(zone).toEpochSecond()};
    }

    public static Object value(Operand o, Facts f) {
        if (o instanceof Path p) {
            return f.value(p.text());
        }
        return literal((Literal) o);
    }

    /** A literal as a run-time value: numbers as {@link BigDecimal}, durations as {@link java.time.Duration}. */
    public static Object literal(Literal l) {
        if (l instanceof Literal.Int i) {
            return BigDecimal.valueOf(i.value());
        } else if (l instanceof Literal.Decimal d) {
            return d.value();
        } else if (l instanceof Literal.ListOf list) {
            List<Object> out = new ArrayList<>();
            list.elements().forEach(x -> out.add(literal(x)));
            return List.copyOf(out);
        }
        return LiteralValues.of(l);
    }
}
