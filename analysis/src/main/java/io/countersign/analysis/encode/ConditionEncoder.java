package io.countersign.analysis.encode;

import com.microsoft.z3.ArithExpr;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.IntSort;
import io.countersign.analysis.smt.TriTerm;
import io.countersign.analysis.smt.Z3s;
import io.countersign.engine.eval.CompiledWindow;
import io.countersign.engine.eval.Interpreter;
import io.countersign.engine.eval.Tri;
import io.countersign.lang.ast.Expr;
import io.countersign.lang.ast.Operand;
import io.countersign.lang.ast.Path;
import io.countersign.lang.ast.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A condition as a {@link TriTerm} over the request space, predicate by predicate as {@code eval/Ops}
 * decides it: each operand is split into the kinds its value may have at run time, and each pair of
 * kinds gets the answer {@code Ops} gives it — a comparison, a membership, a regular-expression test,
 * or unknown (absent values, mismatched kinds). Predicates whose operands are all literals are folded
 * by the engine's own interpreter. What the core cannot express becomes {@link Opaque}.
 *
 * <p>This class walks the condition and combines the cases; {@link Operands} gives the cases of an operand,
 * {@link Comparisons} and {@link Membership} the answer for a pair of cases, and {@link Opaques} the terms
 * outside the core.
 */
public final class ConditionEncoder {

    private final RequestSpace space;
    private final Context ctx;
    private final Operands operands;
    private final Comparisons comparisons;
    private final Membership membership;

    public ConditionEncoder(RequestSpace space, List<Opaque> opaque) {
        this.space = space;
        this.ctx = space.ctx();
        this.operands = new Operands(space);
        Opaques opaques = new Opaques(space, opaque);
        this.comparisons = new Comparisons(ctx, opaques);
        this.membership = new Membership(ctx, opaques, comparisons, operands);
    }

    /** The set's risk score (0–100), for conditions that read {@code risk}. */
    public void risk(ArithExpr<IntSort> risk) {
        operands.risk(risk);
    }

    public TriTerm encode(Expr e, Map<String, Window> windows) {
        return e.accept(new Encoding(windows));
    }

    /** Each kind of condition as a term: a new kind fails to compile here until it is encoded. */
    private final class Encoding implements Expr.Cases<TriTerm> {
        private final Map<String, Window> windows;

        Encoding(Map<String, Window> windows) {
            this.windows = windows;
        }

        @Override
        public TriTerm and(Expr.And a) {
            return TriTerm.and(ctx, a.operands().stream().map(x -> x.accept(this)).toList());
        }

        @Override
        public TriTerm or(Expr.Or o) {
            return TriTerm.or(ctx, o.operands().stream().map(x -> x.accept(this)).toList());
        }

        @Override
        public TriTerm not(Expr.Not n) {
            return n.operand().accept(this).not();
        }

        @Override
        public TriTerm constant(Expr.Const c) {
            return TriTerm.constant(ctx, c.value());
        }

        @Override
        public TriTerm has(Expr.Has h) {
            return TriTerm.of(ctx, operands.has(h.path()));
        }

        @Override
        public TriTerm inGroup(Expr.InGroup g) {
            TriTerm in = TriTerm.of(ctx, space.groups.has(g.group().value()));
            return g.negated() ? in.not() : in;
        }

        @Override
        public TriTerm during(Expr.During d) {
            CompiledWindow cw = CompiledWindow.of(d.window().resolve(windows));
            return TriTerm.of(ctx, space.instant.during(cw.zone(), cw.days(), cw.start(), cw.end()));
        }

        @Override
        public TriTerm between(Expr.Between b) {
            long[] range = Interpreter.range(b);
            return TriTerm.of(ctx, space.instant.between(range[0], range[1]));
        }

        @Override
        public TriTerm compare(Expr.Compare c) {
            if (literals(c.left(), c.right())) {
                return folded(c);
            }
            List<Val> l = operands.cases(c.left());
            List<Val> r = operands.cases(c.right());
            return switch (c.op()) {
                case EQ -> over(l, r, (a, b) -> comparisons.eq(a, b, c));
                case NE -> over(l, r, (a, b) -> comparisons.eq(a, b, c)).not();
                default -> over(l, r, (a, b) -> comparisons.order(a, b, c.op(), c));
            };
        }

        @Override
        public TriTerm in(Expr.In i) {
            if (literals(i.left(), i.right())) {
                return folded(i);
            }
            TriTerm in = over(operands.cases(i.left()), operands.cases(i.right()), (a, b) -> membership.in(a, b, i));
            return i.negated() ? in.not() : in;
        }

        @Override
        public TriTerm matches(Expr.Matches m) {
            if (!(m.left() instanceof Path)) {
                return folded(m);
            }
            TriTerm t = over(operands.cases(m.left()), List.of(new Val.Absent(ctx.mkTrue())),
                    (a, unused) -> comparisons.matches(a, m));
            return m.negated() ? t.not() : t;
        }

        @Override
        public TriTerm contains(Expr.Contains c) {
            if (literals(c.left(), c.right())) {
                return folded(c);
            }
            List<Val> l = operands.cases(c.left());
            List<Val> r = operands.cases(c.right());
            return switch (c.quantifier()) {
                case ONE -> over(l, r, (a, b) -> membership.contains(a, b, c));
                case ANY -> over(l, r, (a, b) -> membership.quantified(a, b, true, c));
                case ALL -> over(l, r, (a, b) -> membership.quantified(a, b, false, c));
            };
        }

        private static boolean literals(Operand left, Operand right) {
            return !(left instanceof Path) && !(right instanceof Path);
        }

        /** A predicate of literals only, decided by the engine's own interpreter. */
        private TriTerm folded(Expr e) {
            int t = Interpreter.predicate(e, windows, null);
            return t == Tri.UNKNOWN ? TriTerm.unknown(ctx) : TriTerm.constant(ctx, t == Tri.TRUE);
        }
    }

    /** Combines the answers for every pair of cases, each under both cases' guards. */
    private TriTerm over(List<Val> as, List<Val> bs, BiFunction<Val, Val, TriTerm> f) {
        List<BoolExpr> t = new ArrayList<>();
        List<BoolExpr> fl = new ArrayList<>();
        for (Val a : as) {
            for (Val b : bs) {
                TriTerm r = f.apply(a, b);
                BoolExpr g = ctx.mkAnd(a.guard(), b.guard());
                t.add(ctx.mkAnd(g, r.isTrue()));
                fl.add(ctx.mkAnd(g, r.isFalse()));
            }
        }
        return new TriTerm(Z3s.or(ctx, t), Z3s.or(ctx, fl));
    }
}
