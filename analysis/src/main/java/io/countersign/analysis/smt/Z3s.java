package io.countersign.analysis.smt;

import com.microsoft.z3.ArithExpr;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.IntSort;
import java.util.List;

/** N-ary connectives over lists, simplified where a list is empty or has one element. */
public final class Z3s {

    private Z3s() {
    }

    public static BoolExpr and(Context ctx, List<BoolExpr> xs) {
        if (xs.isEmpty()) {
            return ctx.mkTrue();
        }
        return xs.size() == 1 ? xs.get(0) : ctx.mkAnd(xs.toArray(new BoolExpr[0]));
    }

    public static BoolExpr or(Context ctx, List<BoolExpr> xs) {
        if (xs.isEmpty()) {
            return ctx.mkFalse();
        }
        return xs.size() == 1 ? xs.get(0) : ctx.mkOr(xs.toArray(new BoolExpr[0]));
    }

    /** An integer if-then-else. */
    public static ArithExpr<IntSort> ite(Context ctx, BoolExpr c, ArithExpr<IntSort> a, ArithExpr<IntSort> b) {
        return (ArithExpr<IntSort>) ctx.<IntSort>mkITE(c, a, b);
    }
}
