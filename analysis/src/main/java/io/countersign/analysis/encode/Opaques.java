package io.countersign.analysis.encode;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import io.countersign.analysis.smt.TriTerm;
import io.countersign.lang.ast.Expr;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers the core cannot give: unknown, and the fresh, recorded term of a predicate outside the core
 * ({@link Opaque}), one per predicate however often it is reached.
 */
final class Opaques {

    private final RequestSpace space;
    private final Context ctx;
    private final List<Opaque> opaque;
    private final Map<Expr, TriTerm> opaqueTerms = new IdentityHashMap<>();

    Opaques(RequestSpace space, List<Opaque> opaque) {
        this.space = space;
        this.ctx = space.ctx();
        this.opaque = opaque;
    }

    TriTerm unknown() {
        return TriTerm.unknown(ctx);
    }

    TriTerm opaque(Expr predicate, String reason) {
        return opaqueTerms.computeIfAbsent(predicate, p -> {
            opaque.add(new Opaque(p.loc(), io.countersign.lang.format.Formatter.expr(p), reason));
            int n = opaque.size();
            BoolExpr t = ctx.mkBoolConst("opaque#" + n + "#true");
            BoolExpr f = ctx.mkBoolConst("opaque#" + n + "#false");
            space.constrain(ctx.mkNot(ctx.mkAnd(t, f)));
            return new TriTerm(t, f);
        });
    }
}
