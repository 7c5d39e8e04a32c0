package io.countersign.analysis.encode;

import com.microsoft.z3.ArithExpr;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.IntSort;
import io.countersign.analysis.smt.TriTerm;
import io.countersign.analysis.smt.Z3s;
import io.countersign.engine.decide.Outcome;
import io.countersign.engine.policy.PolicySet;
import io.countersign.lang.ast.Clause;
import io.countersign.lang.ast.Outcome.RequireApproval;
import io.countersign.lang.ast.Stage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A policy set's decision over the request space, step by step as LANGUAGE.md "How a decision is
 * reached" and {@code DecisionProcedure} take it: scopes, risk (summed over applicable policies,
 * clamped once), every rule (an undetermined deny fires), defaults, then deny over a failing stage
 * over require approval over approve, and the grants that make an approval partial or conditional.
 */
public final class SetEncoding {

    private final Context ctx;
    private final PolicySet set;
    private final RequestSpace space;
    final TriTerm[] scopes;
    final BoolExpr[] applies;
    final TriTerm[] riskFactors;
    final ArithExpr<IntSort> risk;
    final TriTerm[] rules;
    final BoolExpr[] fires;
    private final List<Contribution> contributions = new ArrayList<>();
    final BoolExpr anyDeny;
    final BoolExpr stageFailure;
    private final java.util.Map<Contribution, BoolExpr> failures;
    final BoolExpr anyRequiring;
    final BoolExpr approvalLayer;
    final Grants grants;
    final Grants requiredGrants;
    private final Stages stages;

    public SetEncoding(RequestSpace space, PolicySet set, List<Opaque> opaque) {
        this.ctx = space.ctx();
        this.set = set;
        this.space = space;
        ConditionEncoder conditions = new ConditionEncoder(space, opaque);
        int np = set.policies().size();
        scopes = new TriTerm[np];
        applies = new BoolExpr[np];
        for (PolicySet.PolicyEntry p : set.policies()) {
            scopes[p.index()] = p.scope().map(s -> conditions.encode(s, p.windows())).orElse(TriTerm.constant(ctx, true));
            applies[p.index()] = scopes[p.index()].isTrue();
        }
        riskFactors = new TriTerm[set.riskFactors().size()];
        List<ArithExpr<IntSort>> weights = new ArrayList<>();
        for (PolicySet.RiskEntry r : set.riskFactors()) {
            riskFactors[r.index()] = conditions.encode(r.factor().when(), set.policies().get(r.policy()).windows());
            BoolExpr held = ctx.mkAnd(applies[r.policy()], riskFactors[r.index()].isTrue());
            weights.add(Z3s.ite(ctx, held, ctx.mkInt(r.factor().weight()), ctx.mkInt(0)));
        }
        ArithExpr<IntSort> sum = weights.isEmpty() ? ctx.mkInt(0) : sum(weights);
        ArithExpr<IntSort> clamped = Z3s.ite(ctx, ctx.mkLt(sum, ctx.mkInt(0)), ctx.mkInt(0),
                Z3s.ite(ctx, ctx.mkGt(sum, ctx.mkInt(100)), ctx.mkInt(100), sum));
        risk = clamped;
        conditions.risk(risk);
        rules = new TriTerm[set.rules().size()];
        fires = new BoolExpr[set.rules().size()];
        for (PolicySet.RuleEntry r : set.rules()) {
            PolicySet.PolicyEntry p = set.policies().get(r.policy());
            rules[r.index()] = r.rule().when().map(w -> conditions.encode(w, p.windows())).orElse(TriTerm.constant(ctx, true));
            BoolExpr matches = r.rule().outcome() instanceof io.countersign.lang.ast.Outcome.Deny
                    ? rules[r.index()].notFalse(ctx) : rules[r.index()].isTrue();
            fires[r.index()] = ctx.mkAnd(applies[r.policy()], matches);
            contributions.add(new Contribution(r.id(), r.policy(), r.rule().outcome(), r.rule().loc(), fires[r.index()],
                    stageWhens(conditions, r.rule().outcome(), p), r.index()));
        }
        for (PolicySet.PolicyEntry p : set.policies()) {
            List<BoolExpr> ruleFires = p.rules().stream().map(i -> fires[i]).toList();
            p.defaultOutcome().ifPresent(d -> contributions.add(new Contribution(p.name() + "/default", p.index(), d,
                    d.loc(), ctx.mkAnd(applies[p.index()], ctx.mkNot(Z3s.or(ctx, ruleFires))),
                    stageWhens(conditions, d, p), -1)));
            if (p.scope().isPresent()) {
                contributions.add(new Contribution(p.name() + "/scope", p.index(), null, p.policy().loc(),
                        scopes[p.index()].isUnknown(ctx), List.of(), -1));
            }
        }
        contributions.sort(Comparator.comparingInt((Contribution c) -> set.fileOrder(c.loc().file()))
                .thenComparingInt(c -> c.loc().start()));
        anyDeny = Z3s.or(ctx, contributions.stream().filter(Contribution::denies).map(Contribution::active).toList());
        stages = new Stages(space, this);
        failures = stages.failures(contributions);
        stageFailure = Z3s.or(ctx, new ArrayList<>(failures.values()));
        anyRequiring = Z3s.or(ctx, contributions.stream().filter(Contribution::requires)
                .map(c -> ctx.mkAnd(c.active(), stages.anyKept(c))).toList());
        BoolExpr before = ctx.mkAnd(ctx.mkNot(anyDeny), ctx.mkNot(stageFailure), ctx.mkNot(anyRequiring));
        approvalLayer = ctx.mkAnd(before, Z3s.or(ctx, contributions.stream().map(this::approves).toList()));
        grants = new Grants(space, this, this::approving);
        requiredGrants = new Grants(space, this, this::requiring);
    }

    private List<TriTerm> stageWhens(ConditionEncoder conditions, io.countersign.lang.ast.Outcome o,
            PolicySet.PolicyEntry p) {
        if (!(o instanceof RequireApproval req)) {
            return List.of();
        }
        List<TriTerm> out = new ArrayList<>();
        for (Stage s : req.stages()) {
            out.add(s.when().map(w -> conditions.encode(w, p.windows())).orElse(TriTerm.constant(ctx, true)));
        }
        return List.copyOf(out);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ArithExpr<IntSort> sum(List<ArithExpr<IntSort>> xs) {
        return ctx.mkAdd(xs.toArray(new ArithExpr[0]));
    }

    /** Whether {@code c} approves if it comes to approvals: an approve, or a requirement whose stages all dropped. */
    BoolExpr approves(Contribution c) {
        if (c.outcome() instanceof io.countersign.lang.ast.Outcome.Approve) {
            return c.active();
        }
        if (c.requires()) {
            return ctx.mkAnd(c.active(), ctx.mkNot(stages.anyKept(c)));
        }
        return ctx.mkFalse();
    }

    /** Whether {@code c} is in the approval layer's merge. */
    public BoolExpr approving(Contribution c) {
        return ctx.mkAnd(approvalLayer, approves(c));
    }

    /** Whether {@code c} is among the requirements of a pending request. */
    public BoolExpr requiring(Contribution c) {
        if (!c.requires()) {
            return ctx.mkFalse();
        }
        return ctx.mkAnd(pending(), c.active(), stages.anyKept(c));
    }

    /** The grants a pending request will get when approved. */
    public Grants requiredGrants() {
        return requiredGrants;
    }

    /** The outcome is {@code o}. */
    public BoolExpr outcome(Outcome o) {
        BoolExpr approvalsDecide = ctx.mkAnd(approvalLayer, ctx.mkNot(grants.emptied));
        return switch (o) {
            case DENIED -> ctx.mkNot(ctx.mkOr(pending(), approvalsDecide));
            case PENDING -> pending();
            case PARTIAL -> ctx.mkAnd(approvalsDecide, grants.narrowed);
            case CONDITIONAL -> ctx.mkAnd(approvalsDecide, ctx.mkNot(grants.narrowed), grants.conditional);
            case APPROVED -> ctx.mkAnd(approvalsDecide, ctx.mkNot(grants.narrowed), ctx.mkNot(grants.conditional));
        };
    }

    private BoolExpr pending() {
        return ctx.mkAnd(ctx.mkNot(anyDeny), ctx.mkNot(stageFailure), anyRequiring);
    }

    /**
     * Whether {@code c} is among the deciding contributions: a firing deny; a requirement with a stage
     * left (pending), or the first to deny for want of an approver; an approval in the approval layer.
     */
    public BoolExpr decides(Contribution c) {
        if (c.denies()) {
            return c.active();
        }
        BoolExpr approving = approving(c);
        if (c.requires()) {
            BoolExpr failed = failures.getOrDefault(c, ctx.mkFalse());
            BoolExpr pendingWith = ctx.mkAnd(ctx.mkNot(stageFailure), c.active(), stages.anyKept(c));
            return ctx.mkOr(ctx.mkAnd(ctx.mkNot(anyDeny), ctx.mkOr(pendingWith, failed)), approving);
        }
        return approving;
    }

    /** Whether {@code c}, firing, takes precedence over everything {@code under} would contribute. */
    public BoolExpr overrides(Contribution c) {
        if (c.denies()) {
            return c.active();
        }
        if (c.requires()) {
            return ctx.mkAnd(c.active(), stages.anyKept(c));
        }
        return ctx.mkFalse();
    }

    public List<Contribution> contributions() {
        return contributions;
    }

    public Contribution rule(int index) {
        return contributions.stream().filter(c -> c.ruleIndex() == index).findFirst().orElseThrow();
    }

    public TriTerm scope(int policy) {
        return scopes[policy];
    }

    public BoolExpr applies(int policy) {
        return applies[policy];
    }

    public TriTerm riskFactor(int index) {
        return riskFactors[index];
    }

    public TriTerm ruleCondition(int index) {
        return rules[index];
    }

    public BoolExpr fires(int rule) {
        return fires[rule];
    }

    public ArithExpr<IntSort> risk() {
        return risk;
    }

    public PolicySet set() {
        return set;
    }

    public Grants grants() {
        return grants;
    }

    public Stages stages() {
        return stages;
    }

    RequestSpace space() {
        return space;
    }

    /** Whether any clause of the outcome makes an approval conditional by itself. */
    static boolean conditionalClauses(io.countersign.lang.ast.Outcome o) {
        return o.clauses().stream().anyMatch(c -> c instanceof Clause.Condition || c instanceof Clause.Stipulate
                || c instanceof Clause.FollowUp);
    }
}
