package io.countersign.engine.decide;

import io.countersign.engine.eval.Facts;
import io.countersign.engine.eval.Findings;
import io.countersign.engine.request.AccessRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How {@link CompiledProcedure} combines what the deciding rules contribute, in the reference's order:
 * any deny denies; else the stages of every requiring rule; else the approving rules' grants merged;
 * else nothing decides. A rule that decides alone brings its texts (and a fixed chain its stages)
 * written at compile time.
 */
final class PlanCombination {

    private PlanCombination() {
    }

    /** What one rule (or default, or unknown scope) contributes, at its place in the file order. */
    record Contribution(String id, Plan plan, int fileOrder, int start, String denial) {
        static Contribution of(Plan p) {
            return new Contribution(p.id, p, p.fileOrder, p.start, null);
        }
    }

    static Decided combine(AccessRequest request, Facts facts, Findings findings, Instant at,
            List<Contribution> contributions, boolean anyApplies) {
        // 1. any deny denies, naming every denying rule
        List<Contribution> denials = null;
        for (Contribution c : contributions) {
            if (c.denial() != null || c.plan().kind == Plan.DENY) {
                if (denials == null) {
                    denials = new ArrayList<>(1);
                }
                denials.add(c);
            }
        }
        if (denials != null) {
            if (denials.size() == 1 && denials.get(0).denial() == null && !denials.get(0).plan().has(Plan.APPEALS)) {
                Plan p = denials.get(0).plan();
                return Decided.denied(List.of(p.id), p.alone, request, List.of());
            }
            List<String> reasons = new ArrayList<>();
            Set<String> appeal = new LinkedHashSet<>();
            for (Contribution c : denials) {
                if (c.denial() != null) {
                    reasons.add(c.denial());
                    continue;
                }
                Plan.Deny deny = c.plan().deny;
                reasons.add(deny.reason);
                for (Approvers a : deny.appeals) {
                    appeal.addAll(a.resolve(facts));
                }
            }
            return Decided.denied(ids(denials), "Denied by " + String.join("; ", reasons), request,
                    List.copyOf(appeal));
        }
        // 2. requirements: stages of every requiring rule, dropping stages whose condition is false
        List<Plan> approvals = new ArrayList<>(contributions.size());
        List<Plan> requiring = null;
        List<List<StageRequirement>> stagesByRule = null;
        // whether every requiring rule kept its compiled stages (RequirePlan.alone) as they are
        boolean asCompiled = true;
        for (Contribution c : contributions) {
            Plan p = c.plan();
            if (p.kind == Plan.REQUIRE) {
                List<StageRequirement> stages;
                if (p.stages != null && (p.has(Plan.SELF_APPROVAL) || !p.has(Plan.NAMES_USERS)
                        || !p.require.namesUser(request.requester()))) {
                    stages = p.stages;
                } else {
                    asCompiled = false;
                    PlanStages.Resolved resolved = PlanStages.resolve(p, request, facts, findings);
                    if (resolved.denied() != null) {
                        return resolved.denied();
                    }
                    stages = resolved.stages();
                }
                if (stages.isEmpty()) {
                    approvals.add(p); // every stage dropped: the rule approves with its grants
                } else {
                    if (requiring == null) {
                        requiring = new ArrayList<>(1);
                        stagesByRule = new ArrayList<>(1);
                    }
                    requiring.add(p);
                    stagesByRule.add(stages);
                }
            } else if (p.kind == Plan.APPROVE) {
                approvals.add(p);
            }
        }
        if (requiring != null) {
            List<StageRequirement> merged;
            String rationale;
            if (requiring.size() == 1 && asCompiled) {
                merged = requiring.get(0).stages;
                rationale = requiring.get(0).pending;
            } else {
                merged = StageRequirements.merge(stagesByRule);
                rationale = "Requires approval: " + StageRequirements.describe(merged);
            }
            Grants g = Grants.mergePlans(requiring, request, at);
            Duration expire = null;
            boolean selfApproval = true;
            boolean delegation = true;
            for (Plan p : requiring) {
                if (p.expire != null) {
                    expire = expire == null ? p.expire : DecisionProcedure.min(expire, p.expire);
                }
                selfApproval &= p.has(Plan.SELF_APPROVAL);
                delegation &= !p.has(Plan.NO_DELEGATION);
            }
            return new Decided(Outcome.PENDING, planIds(requiring), rationale, g, merged,
                    expire == null ? DecisionProcedure.DEFAULT_EXPIRY : expire, selfApproval, delegation, List.of());
        }
        // 3. approvals, their grants merged
        if (!approvals.isEmpty()) {
            Grants g = Grants.mergePlans(approvals, request, at);
            List<String> rules = planIds(approvals);
            if (g.permissionsEmptied()) {
                return Decided.denied(rules, String.join(", ", rules)
                        + " grants none of the requested permissions", request, List.of());
            }
            Outcome o = g.narrowedPermissions() ? Outcome.PARTIAL : g.conditional() ? Outcome.CONDITIONAL
                    : Outcome.APPROVED;
            String rationale = approvals.size() == 1 ? approvals.get(0).alone
                    : "Approved by " + String.join(", ", rules);
            return new Decided(o, rules, rationale, g, List.of(), null, false, true, List.of());
        }
        // 4. nothing decides
        return Decided.denied(List.of(), anyApplies ? "no rule decides this request" : "no policy applies",
                request, List.of());
    }

    private static List<String> ids(List<Contribution> cs) {
        List<String> out = new ArrayList<>(cs.size());
        cs.forEach(c -> out.add(c.id()));
        return out;
    }

    private static List<String> planIds(List<Plan> ps) {
        List<String> out = new ArrayList<>(ps.size());
        ps.forEach(p -> out.add(p.id));
        return out;
    }
}
