package io.countersign.analysis.encode;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import io.countersign.analysis.smt.Z3s;
import io.countersign.lang.ast.Clause;
import io.countersign.lang.ast.Literal;
import io.countersign.lang.ast.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The grants of the approval layer (LANGUAGE.md "Grants"): a cap shorter than the request makes it
 * conditional, as do conditions, stipulations and follow-ups; {@code grant only} lists intersect, and
 * narrow (partial) or empty (denied) the requested permissions — a request that names none gets the
 * whole intersection.
 */
public final class Grants {

    final BoolExpr narrowed;
    final BoolExpr emptied;
    final BoolExpr conditional;

    Grants(RequestSpace space, SetEncoding set) {
        Context ctx = space.ctx();
        List<BoolExpr> conditionalBy = new ArrayList<>();
        Map<Contribution, List<String>> only = new LinkedHashMap<>();
        Set<String> listed = new LinkedHashSet<>();
        for (Contribution c : set.contributions()) {
            if (c.outcome() == null || c.denies()) {
                continue;
            }
            BoolExpr in = set.approving(c);
            if (SetEncoding.conditionalClauses(c.outcome())) {
                conditionalBy.add(in);
            }
            List<String> grantOnly = null;
            for (Clause cl : c.outcome().clauses()) {
                if (cl instanceof Clause.CapDuration cap) {
                    conditionalBy.add(ctx.mkAnd(in, ctx.mkGt(space.duration, ctx.mkInt(cap.cap().value().toNanos()))));
                } else if (cl instanceof Clause.GrantOnly g) {
                    grantOnly = strings(g.permissions());
                }
            }
            if (grantOnly != null) {
                only.put(c, grantOnly);
                listed.addAll(grantOnly);
            }
        }
        conditional = Z3s.or(ctx, conditionalBy);
        BoolExpr anyOnly = Z3s.or(ctx, only.keySet().stream().map(set::approving).toList());
        ListVar requested = space.permissions;
        BoolExpr none = ctx.mkNot(requested.nonEmpty());
        List<BoolExpr> dropped = new ArrayList<>();
        List<BoolExpr> kept = new ArrayList<>();
        List<BoolExpr> intersection = new ArrayList<>();
        dropped.add(requested.unnamed());
        for (Map.Entry<String, BoolExpr> m : requested.named().entrySet()) {
            BoolExpr inAll = inAll(ctx, set, only, m.getKey());
            dropped.add(ctx.mkAnd(m.getValue(), ctx.mkNot(inAll)));
            kept.add(ctx.mkAnd(m.getValue(), inAll));
        }
        for (String l : listed) {
            intersection.add(inAll(ctx, set, only, l));
        }
        narrowed = ctx.mkAnd(anyOnly, ctx.mkOr(none, Z3s.or(ctx, dropped)));
        emptied = ctx.mkAnd(anyOnly, ctx.mkITE(none, ctx.mkNot(Z3s.or(ctx, intersection)), ctx.mkNot(Z3s.or(ctx, kept))));
    }

    /** Whether every approving {@code grant only} list holds {@code s}. */
    private static BoolExpr inAll(Context ctx, SetEncoding set, Map<Contribution, List<String>> only, String s) {
        List<BoolExpr> all = new ArrayList<>();
        for (Map.Entry<Contribution, List<String>> e : only.entrySet()) {
            if (!e.getValue().contains(s)) {
                all.add(ctx.mkNot(set.approving(e.getKey())));
            }
        }
        return Z3s.and(ctx, all);
    }

    static List<String> strings(Literal.ListOf list) {
        List<String> out = new ArrayList<>();
        for (Literal l : list.elements()) {
            if (l instanceof Literal.Str s && !out.contains(s.value())) {
                out.add(s.value());
            }
        }
        return out;
    }

    public BoolExpr narrowed() {
        return narrowed;
    }

    public BoolExpr emptied() {
        return emptied;
    }

    public BoolExpr conditional() {
        return conditional;
    }

    /** The outcome's {@code grant only} list, or null. */
    static List<String> only(Outcome o) {
        for (Clause c : o.clauses()) {
            if (c instanceof Clause.GrantOnly g) {
                return strings(g.permissions());
            }
        }
        return null;
    }
}
