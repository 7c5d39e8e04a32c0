package io.countersign.analysis.smt;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * A three-valued condition as two formulas: when it is true and when it is false; unknown is neither.
 * The two are never both true (each constructor keeps that), so Kleene's connectives are plain
 * boolean ones on the pair: {@code a and b} is true when both are, false when either is.
 */
public record TriTerm(BoolExpr isTrue, BoolExpr isFalse) {

    public static TriTerm constant(Context ctx, boolean value) {
        return new TriTerm(ctx.mkBool(value), ctx.mkBool(!value));
    }

    public static TriTerm unknown(Context ctx) {
        return new TriTerm(ctx.mkFalse(), ctx.mkFalse());
    }

    /** True or false as {@code b} says, never unknown. */
    public static TriTerm of(Context ctx, BoolExpr b) {
        return new TriTerm(b, ctx.mkNot(b));
    }

    public BoolExpr isUnknown(Context ctx) {
        return ctx.mkAnd(ctx.mkNot(isTrue), ctx.mkNot(isFalse));
    }

    /** True or unknown: how an undetermined {@code deny} counts. */
    public BoolExpr notFalse(Context ctx) {
        return ctx.mkNot(isFalse);
    }

    public TriTerm not() {
        return new TriTerm(isFalse, isTrue);
    }

    public static TriTerm and(Context ctx, List<TriTerm> xs) {
        List<BoolExpr> t = new ArrayList<>();
        List<BoolExpr> f = new ArrayList<>();
        xs.forEach(x -> {
            t.add(x.isTrue);
            f.add(x.isFalse);
        });
        return new TriTerm(Z3s.and(ctx, t), Z3s.or(ctx, f));
    }

    public static TriTerm or(Context ctx, List<TriTerm> xs) {
        List<BoolExpr> t = new ArrayList<>();
        List<BoolExpr> f = new ArrayList<>();
        xs.forEach(x -> {
            t.add(x.isTrue);
            f.add(x.isFalse);
        });
        return new TriTerm(Z3s.or(ctx, t), Z3s.and(ctx, f));
    }

    /** Under {@code guard} this, otherwise unknown. */
    public TriTerm when(Context ctx, BoolExpr guard) {
        return new TriTerm(ctx.mkAnd(guard, isTrue), ctx.mkAnd(guard, isFalse));
    }
}
