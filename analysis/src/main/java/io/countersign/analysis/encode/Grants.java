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
    private final Context ctx;
    private final SetEncoding set;
    private final java.util.function.Function<Contribution, BoolExpr> member;
    private final Map<Contribution, List<String>> onlyLists;
    private final BoolExpr anyOnly;
    private final List<Contribution> capped = new ArrayList<>();
    private final RequestSpace space;

    /** The grants merged over the contributions for which {@code member} holds (approving, or requiring while pending). */
    Grants(RequestSpace space, SetEncoding set, java.util.function.Function<Contribution, BoolExpr> member) {
        Context ctx = space.ctx();
        this.ctx = ctx;
        this.set = set;
        this.space = space;
        this.member = member;
        List<BoolExpr> conditionalBy = new ArrayList<>();
        Map<Contribution, List<String>> only = new LinkedHashMap<>();
        Set<String> listed = new LinkedHashSet<>();
        for (Contribution c : set.contributions()) {
            if (c.outcome() == null || c.denies()) {
                continue;
            }
            BoolExpr in = member.apply(c);
            if (SetEncoding.conditionalClauses(c.outcome())) {
                conditionalBy.add(in);
            }
            List<String> grantOnly = null;
            for (Clause cl : c.outcome().clauses()) {
                if (cl instanceof Clause.CapDuration cap) {
                    conditionalBy.add(ctx.mkAnd(in, ctx.mkGt(space.duration, ctx.mkInt(cap.cap().value().toNanos()))));
                    capped.add(c);
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
        this.onlyLists = only;
        this.anyOnly = Z3s.or(ctx, only.keySet().stream().map(member).toList());
        ListVar requested = space.permissions;
        BoolExpr none = ctx.mkNot(requested.nonEmpty());
        List<BoolExpr> dropped = new ArrayList<>();
        List<BoolExpr> kept = new ArrayList<>();
        List<BoolExpr> intersection = new ArrayList<>();
        dropped.add(requested.unnamed());
        for (Map.Entry<String, BoolExpr> m : requested.named().entrySet()) {
            BoolExpr inAll = inAll(m.getKey());
            dropped.add(ctx.mkAnd(m.getValue(), ctx.mkNot(inAll)));
            kept.add(ctx.mkAnd(m.getValue(), inAll));
        }
        for (String l : listed) {
            intersection.add(inAll(l));
        }
        narrowed = ctx.mkAnd(anyOnly, ctx.mkOr(none, Z3s.or(ctx, dropped)));
        emptied = ctx.mkAnd(anyOnly, ctx.mkITE(none, ctx.mkNot(Z3s.or(ctx, intersection)), ctx.mkNot(Z3s.or(ctx, kept))));
    }

    /** Whether every merged {@code grant only} list holds {@code s}. */
    private BoolExpr inAll(String s) {
        List<BoolExpr> all = new ArrayList<>();
        for (Map.Entry<Contribution, List<String>> e : onlyLists.entrySet()) {
            if (!e.getValue().contains(s)) {
                all.add(ctx.mkNot(member.apply(e.getKey())));
            }
        }
        return Z3s.and(ctx, all);
    }

    /** Whether the named permission {@code s} is granted (a request naming none gets the whole intersection). */
    public BoolExpr granted(String s) {
        BoolExpr requested = space.permissions.has(s);
        BoolExpr none = ctx.mkNot(space.permissions.nonEmpty());
        return ctx.mkOr(ctx.mkAnd(none, anyOnly, inAll(s)),
                ctx.mkAnd(requested, ctx.mkOr(ctx.mkNot(anyOnly), inAll(s))));
    }

    /** Whether permissions no policy names are granted: requested ones pass when no list narrows. */
    public BoolExpr grantsUnnamed() {
        return ctx.mkAnd(space.permissions.unnamed(), ctx.mkNot(anyOnly));
    }

    /** The granted duration in nanoseconds: the requested one, or the smallest merged cap when shorter. */
    public com.microsoft.z3.ArithExpr<com.microsoft.z3.IntSort> duration() {
        com.microsoft.z3.ArithExpr<com.microsoft.z3.IntSort> d = space.duration;
        for (Contribution c : capped) {
            for (Clause cl : c.outcome().clauses()) {
                if (cl instanceof Clause.CapDuration cap) {
                    com.microsoft.z3.ArithExpr<com.microsoft.z3.IntSort> n = ctx.mkInt(cap.cap().value().toNanos());
                    d = Z3s.ite(ctx, ctx.mkAnd(member.apply(c), ctx.mkLt(n, d)), n, d);
                }
            }
        }
        return d;
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
