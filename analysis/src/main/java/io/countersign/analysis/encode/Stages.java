package io.countersign.analysis.encode;

import com.microsoft.z3.ArithExpr;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.CharSort;
import com.microsoft.z3.Context;
import com.microsoft.z3.Expr;
import com.microsoft.z3.IntSort;
import com.microsoft.z3.SeqSort;
import io.countersign.analysis.smt.TriTerm;
import io.countersign.analysis.smt.Z3s;
import io.countersign.lang.ast.Approver;
import io.countersign.lang.ast.Clause;
import io.countersign.lang.ast.Outcome.RequireApproval;
import io.countersign.lang.ast.Path;
import io.countersign.lang.ast.Quorum;
import io.countersign.lang.ast.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * Stages of requiring outcomes: a stage is kept unless its {@code when} is false; a kept stage fails
 * (the request is denied) when, without groups, the distinct users left after dropping absent path
 * approvers and, unless self-approval is allowed, the requester, are none or fewer than its quorum.
 */
public final class Stages {

    private final Context ctx;
    private final RequestSpace space;

    Stages(RequestSpace space, SetEncoding unused) {
        this.ctx = space.ctx();
        this.space = space;
    }

    public BoolExpr kept(Contribution c, int stage) {
        return c.stages().get(stage).notFalse(ctx);
    }

    public BoolExpr anyKept(Contribution c) {
        List<BoolExpr> any = new ArrayList<>();
        for (int s = 0; s < c.stages().size(); s++) {
            any.add(kept(c, s));
        }
        return Z3s.or(ctx, any);
    }

    /**
     * For each requiring contribution, whether it denies for want of approvers: it is active, one of
     * its kept stages fails, and no contribution before it failed (the procedure stops at the first).
     */
    java.util.Map<Contribution, BoolExpr> failures(List<Contribution> contributions) {
        java.util.Map<Contribution, BoolExpr> out = new java.util.LinkedHashMap<>();
        List<BoolExpr> earlier = new ArrayList<>();
        for (Contribution c : contributions) {
            if (!(c.outcome() instanceof RequireApproval req)) {
                continue;
            }
            boolean selfAllowed = req.clauses().stream().anyMatch(Clause.AllowSelfApproval.class::isInstance);
            List<BoolExpr> fails = new ArrayList<>();
            for (int s = 0; s < req.stages().size(); s++) {
                BoolExpr f = fails(req.stages().get(s), selfAllowed);
                if (!f.isFalse()) {
                    fails.add(ctx.mkAnd(kept(c, s), f));
                }
            }
            if (!fails.isEmpty()) {
                BoolExpr own = ctx.mkAnd(c.active(), Z3s.or(ctx, fails));
                out.put(c, ctx.mkAnd(own, ctx.mkNot(Z3s.or(ctx, earlier))));
                earlier.add(own);
            }
        }
        return out;
    }

    private record User(Expr<SeqSort<CharSort>> id, BoolExpr eligible) {
    }

    /** Whether a kept stage has no eligible approver, or fewer distinct users than its quorum. */
    private BoolExpr fails(Stage stage, boolean selfAllowed) {
        List<User> users = new ArrayList<>();
        for (Approver a : stage.approvers()) {
            if (a instanceof Approver.Group) {
                return ctx.mkFalse(); // a group may have anyone in it: never empty, no count to check
            } else if (a instanceof Approver.User u) {
                Expr<SeqSort<CharSort>> id = Characters.literal(ctx, u.id().value());
                users.add(new User(id, selfAllowed ? ctx.mkTrue() : ctx.mkNot(ctx.mkEq(id, space.requester))));
            } else if (a instanceof Approver.FromPath fp) {
                User u = fromPath(fp.path(), selfAllowed);
                if (u != null) {
                    users.add(u);
                }
            }
        }
        List<ArithExpr<IntSort>> counted = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            List<BoolExpr> distinct = new ArrayList<>();
            distinct.add(users.get(i).eligible());
            for (int j = 0; j < i; j++) {
                distinct.add(ctx.mkNot(ctx.mkAnd(users.get(j).eligible(), ctx.mkEq(users.get(j).id(), users.get(i).id()))));
            }
            counted.add(Z3s.ite(ctx, Z3s.and(ctx, distinct), ctx.mkInt(1), ctx.mkInt(0)));
        }
        ArithExpr<IntSort> count = counted.isEmpty() ? ctx.mkInt(0) : add(counted);
        BoolExpr none = ctx.mkEq(count, ctx.mkInt(0));
        if (stage.quorum() instanceof Quorum.Count n) {
            return ctx.mkOr(none, ctx.mkLt(count, ctx.mkInt(n.count())));
        }
        return none;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ArithExpr<IntSort> add(List<ArithExpr<IntSort>> xs) {
        return xs.size() == 1 ? xs.get(0) : ctx.mkAdd(xs.toArray(new ArithExpr[0]));
    }

    /** A path approver: the user id it reads when that is a non-blank string; null when it can never be one. */
    private User fromPath(Path p, boolean selfAllowed) {
        Expr<SeqSort<CharSort>> value;
        BoolExpr present;
        switch (p.root()) {
            case "requester" -> {
                if (p.fields().isEmpty()) {
                    value = space.requester;
                    present = ctx.mkTrue();
                } else {
                    OpenVar v = space.open(p.text());
                    value = v.string;
                    present = v.is(ctx, OpenVar.STRING);
                }
            }
            case "context" -> {
                if (p.fields().isEmpty()) {
                    return null;
                }
                OpenVar v = space.open(p.text());
                value = v.string;
                present = v.is(ctx, OpenVar.STRING);
            }
            case "profile" -> {
                value = space.profile;
                present = ctx.mkTrue();
            }
            case "justification" -> {
                value = space.justification;
                present = space.hasJustification;
            }
            case "ticket" -> {
                value = space.ticket;
                present = space.hasTicket;
            }
            default -> {
                return null;
            }
        }
        BoolExpr eligible = ctx.mkAnd(present, space.nonBlank(value));
        if (!selfAllowed) {
            eligible = ctx.mkAnd(eligible, ctx.mkNot(ctx.mkEq(value, space.requester)));
        }
        return new User(value, eligible);
    }

    /** The stage conditions of a contribution, for callers that report them. */
    public List<TriTerm> whens(Contribution c) {
        return c.stages();
    }
}
