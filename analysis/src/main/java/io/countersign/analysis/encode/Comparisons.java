package io.countersign.analysis.encode;

import com.microsoft.z3.ArithExpr;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.CharSort;
import com.microsoft.z3.Context;
import com.microsoft.z3.IntSort;
import com.microsoft.z3.ReExpr;
import com.microsoft.z3.SeqSort;
import io.countersign.analysis.smt.TriTerm;
import io.countersign.engine.json.DurationValues;
import io.countersign.lang.ast.Expr;
import java.time.Duration;
import java.util.Optional;

/**
 * The comparing predicates for one pair of cases, as {@code eval/Ops} decides them: equality, order
 * ({@code < <= > >=}), and a string matched against a glob or a regex.
 */
final class Comparisons {

    private final Context ctx;
    private final Opaques opaques;

    Comparisons(Context ctx, Opaques opaques) {
        this.ctx = ctx;
        this.opaques = opaques;
    }

    TriTerm eq(Val a, Val b, Expr at) {
        if (a instanceof Val.Absent || b instanceof Val.Absent) {
            return opaques.unknown();
        }
        if (a instanceof Val.Dur || b instanceof Val.Dur) {
            Val.Dur d = a instanceof Val.Dur x ? x : (Val.Dur) b;
            Val other = a instanceof Val.Dur ? b : a;
            if (other instanceof Val.Dur o) {
                return TriTerm.of(ctx, ctx.mkEq(d.nanos(), o.nanos()));
            }
            if (other instanceof Val.Str s) {
                return durationString(s, at, nanos -> ctx.mkEq(d.nanos(), nanos));
            }
            return opaques.unknown();
        }
        if (a instanceof Val.Num x && b instanceof Val.Num y) {
            return TriTerm.of(ctx, ctx.mkEq(x.scaled(), y.scaled()));
        }
        if (a instanceof Val.Str x && b instanceof Val.Str y) {
            return TriTerm.of(ctx, ctx.mkEq(x.value(), y.value()));
        }
        if (a instanceof Val.Bool x && b instanceof Val.Bool y) {
            return TriTerm.of(ctx, ctx.mkEq(x.value(), y.value()));
        }
        boolean aList = a instanceof Val.Lst || a instanceof Val.LitList;
        boolean bList = b instanceof Val.Lst || b instanceof Val.LitList;
        if (aList && bList) {
            return opaques.opaque(at, "lists compared as sequences");
        }
        if (a instanceof Val.MapVal && b instanceof Val.MapVal) {
            return opaques.opaque(at, "maps compared");
        }
        return opaques.unknown();
    }

    /** A string compared with a duration: a literal is read now; a request's string is outside the core. */
    private TriTerm durationString(Val.Str s, Expr at, java.util.function.Function<ArithExpr<IntSort>, BoolExpr> test) {
        if (s.literal() == null) {
            return opaques.opaque(at, "a request's string read as a duration");
        }
        Duration parsed = DurationValues.of(s.literal());
        return parsed == null ? opaques.unknown() : TriTerm.of(ctx, test.apply(ctx.mkInt(parsed.toNanos())));
    }

    TriTerm order(Val a, Val b, Expr.CompareOp op, Expr at) {
        if (a instanceof Val.Absent || b instanceof Val.Absent) {
            return opaques.unknown();
        }
        if (a instanceof Val.Num x && b instanceof Val.Num y) {
            return TriTerm.of(ctx, compare(x.scaled(), y.scaled(), op));
        }
        if (a instanceof Val.Dur x && b instanceof Val.Dur y) {
            return TriTerm.of(ctx, compare(x.nanos(), y.nanos(), op));
        }
        if (a instanceof Val.Dur x && b instanceof Val.Str s) {
            return durationString(s, at, n -> compare(x.nanos(), n, op));
        }
        if (a instanceof Val.Str s && b instanceof Val.Dur y) {
            return durationString(s, at, n -> compare(n, y.nanos(), op));
        }
        return opaques.unknown();
    }

    private BoolExpr compare(ArithExpr<IntSort> x, ArithExpr<IntSort> y, Expr.CompareOp op) {
        return switch (op) {
            case LT -> ctx.mkLt(x, y);
            case LE -> ctx.mkLe(x, y);
            case GT -> ctx.mkGt(x, y);
            case GE -> ctx.mkGe(x, y);
            case EQ -> ctx.mkEq(x, y);
            case NE -> ctx.mkNot(ctx.mkEq(x, y));
        };
    }

    TriTerm matches(Val a, Expr.Matches m) {
        if (!(a instanceof Val.Str s)) {
            return opaques.unknown();
        }
        if (!m.regex()) {
            return TriTerm.of(ctx, ctx.mkInRe(s.value(), Patterns.glob(ctx, m.pattern().value())));
        }
        Optional<ReExpr<SeqSort<CharSort>>> re = Patterns.regex(ctx, m.pattern().value());
        if (re.isEmpty()) {
            return opaques.opaque(m, "a regex beyond the regular subset (docs/analysis.md)");
        }
        return TriTerm.of(ctx, ctx.mkInRe(s.value(), re.get()));
    }
}
