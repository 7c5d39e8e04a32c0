package io.countersign.analysis.encode;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import io.countersign.analysis.smt.TriTerm;
import io.countersign.analysis.smt.Z3s;
import io.countersign.lang.ast.Expr;
import io.countersign.lang.ast.Literal;
import java.util.ArrayList;
import java.util.List;

/**
 * The membership predicates for one pair of cases, as {@code eval/Ops} decides them: {@code in},
 * {@code contains}, and {@code contains any}/{@code all}.
 */
final class Membership {

    private final Context ctx;
    private final Opaques opaques;
    private final Comparisons comparisons;
    private final Operands operands;

    Membership(Context ctx, Opaques opaques, Comparisons comparisons, Operands operands) {
        this.ctx = ctx;
        this.opaques = opaques;
        this.comparisons = comparisons;
        this.operands = operands;
    }

    TriTerm in(Val a, Val list, Expr at) {
        if (a instanceof Val.Absent || a instanceof Val.Lst || a instanceof Val.LitList) {
            return opaques.unknown();
        }
        if (list instanceof Val.LitList l) {
            return anyEqual(a, l.list(), at);
        }
        if (list instanceof Val.Lst l) {
            return member(l.list(), a, at);
        }
        return opaques.unknown();
    }

    /** Some element equals {@code a} (true), or none does (false: unknown elements count as no). */
    private TriTerm anyEqual(Val a, Literal.ListOf list, Expr at) {
        List<BoolExpr> any = new ArrayList<>();
        for (Literal e : list.elements()) {
            any.add(comparisons.eq(a, operands.literal(e), at).isTrue());
        }
        return TriTerm.of(ctx, Z3s.or(ctx, any));
    }

    /** Whether the request's list holds {@code a}; its members are strings, so nothing else is ever one. */
    private TriTerm member(ListVar list, Val a, Expr at) {
        if (a instanceof Val.Str s) {
            return TriTerm.of(ctx, s.literal() != null ? list.has(s.literal()) : list.has(s.key(), s.value()));
        }
        if (a instanceof Val.Dur) {
            return opaques.opaque(at, "a duration looked up among strings read as durations");
        }
        return TriTerm.constant(ctx, false);
    }

    TriTerm contains(Val a, Val b, Expr at) {
        if (a instanceof Val.Absent || b instanceof Val.Absent) {
            return opaques.unknown();
        }
        if (a instanceof Val.Str x) {
            return b instanceof Val.Str y ? TriTerm.of(ctx, ctx.mkContains(x.value(), y.value())) : opaques.unknown();
        }
        boolean bList = b instanceof Val.Lst || b instanceof Val.LitList;
        if (a instanceof Val.Lst l) {
            return bList ? opaques.unknown() : member(l.list(), b, at);
        }
        if (a instanceof Val.LitList l) {
            if (bList) {
                return opaques.unknown();
            }
            List<BoolExpr> any = new ArrayList<>();
            for (Literal e : l.list().elements()) {
                any.add(comparisons.eq(operands.literal(e), b, at).isTrue());
            }
            return TriTerm.of(ctx, Z3s.or(ctx, any));
        }
        return opaques.unknown();
    }

    /** {@code contains any} (or {@code all}) a list: Kleene or (and) over its elements. */
    TriTerm quantified(Val a, Val list, boolean any, Expr at) {
        if (a instanceof Val.Absent || list instanceof Val.Absent) {
            return opaques.unknown();
        }
        if (!(a instanceof Val.Str || a instanceof Val.Lst || a instanceof Val.LitList)) {
            return opaques.unknown();
        }
        if (list instanceof Val.Lst) {
            return opaques.opaque(at, "contains any/all of a list the request holds");
        }
        if (!(list instanceof Val.LitList l)) {
            return opaques.unknown();
        }
        List<TriTerm> parts = new ArrayList<>();
        for (Literal e : l.list().elements()) {
            parts.add(e instanceof Literal.ListOf ? opaques.unknown() : contains(a, operands.literal(e), at));
        }
        return any ? TriTerm.or(ctx, parts) : TriTerm.and(ctx, parts);
    }
}
