package io.countersign.engine.decide;

import io.countersign.engine.directory.Principal;
import io.countersign.engine.eval.Facts;
import io.countersign.engine.eval.Findings;
import io.countersign.engine.eval.Missing;
import io.countersign.engine.eval.Tri;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.request.AccessRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link DecisionProcedure} over outcomes compiled once ({@link Plan}): the production procedure.
 * It reads, for each deciding rule, one small plan instead of the rule's AST, and when a rule decides
 * alone it takes the rationale (and for a fixed approval chain, the stages) written at compile time.
 * At ten thousand rules the matched rule's AST was cold, a dozen dependent cache misses per decision;
 * a plan is two or three. Same steps, same order, same texts: the differential test compares its
 * evaluations with the reference's byte for byte.
 */
public final class CompiledProcedure implements Procedure {

    private final PolicySet set;
    /** By rule number. */
    private final Plan[] rules;
    /** By policy number; null for a policy without a default. */
    private final Plan[] defaults;
    private final int[] withDefaults;
    private final boolean anyUnscoped;

    public CompiledProcedure(PolicySet set) {
        this.set = set;
        rules = new Plan[set.rules().size()];
        for (PolicySet.RuleEntry r : set.rules()) {
            rules[r.index()] = Plan.of(r.id(), r.policy(), order(r.rule().loc().file()), r.rule().loc().start(),
                    r.rule().outcome(), r.stageConditions());
        }
        defaults = new Plan[set.policies().size()];
        withDefaults = set.policiesWithDefaults().stream().mapToInt(Integer::intValue).toArray();
        for (int pi : withDefaults) {
            PolicySet.PolicyEntry p = set.policies().get(pi);
            io.countersign.lang.ast.Outcome d = p.defaultOutcome().orElseThrow();
            defaults[pi] = Plan.of(p.name() + "/default", pi, order(d.loc().file()), d.loc().start(), d,
                    p.defaultStageConditions());
        }
        anyUnscoped = !set.unscopedPolicies().isEmpty();
    }

    private int order(String file) {
        return set.fileOrder(file);
    }

    /** What one rule (or default, or unknown scope) contributes, at its place in the file order. */
    private record Contribution(String id, Plan plan, int fileOrder, int start, String denial) {
        static Contribution of(Plan p) {
            return new Contribution(p.id, p, p.fileOrder, p.start, null);
        }
    }

    @Override
    public Evaluation decide(AccessRequest request, Facts facts, Findings findings, Instant at, String requestId) {
        List<Contribution> contributions = new ArrayList<>(4);
        List<Evaluation.Undetermined> undetermined = null;
        boolean anyApplies = anyUnscoped;
        for (int pi : findings.scopeHits().sorted()) {
            if (findings.scope(pi) == Tri.TRUE) {
                anyApplies = true;
            } else if (findings.scope(pi) == Tri.UNKNOWN) {
                PolicySet.PolicyEntry p = set.policies().get(pi);
                String missing = Missing.of(p.scope().orElseThrow(), p.windows(), facts);
                undetermined = add(undetermined, new Evaluation.Undetermined(p.name() + "/scope", missing));
                contributions.add(new Contribution(p.name() + "/scope", null, order(p.policy().loc().file()),
                        p.policy().loc().start(),
                        "cannot tell whether policy " + p.name() + " applies: " + missing + " is missing"));
            }
        }
        for (int ri : findings.ruleHits().sorted()) {
            Plan r = rules[ri];
            if (findings.scope(r.policy) != Tri.TRUE) {
                continue;
            }
            int t = findings.rule(ri);
            if (t == Tri.UNKNOWN) {
                PolicySet.RuleEntry e = set.rules().get(ri);
                undetermined = add(undetermined, new Evaluation.Undetermined(r.id, Missing.of(
                        e.rule().when().orElseThrow(), set.policies().get(r.policy).windows(), facts)));
            }
            if (t == Tri.TRUE || t == Tri.UNKNOWN && r.kind == Plan.DENY) {
                contributions.add(Contribution.of(r));
            }
        }
        if (withDefaults.length > 0) {
            int ruled = contributions.size();
            for (int pi : withDefaults) {
                if (findings.scope(pi) == Tri.TRUE && !anyOf(contributions, ruled, pi)) {
                    contributions.add(Contribution.of(defaults[pi]));
                }
            }
        }
        for (int ri : findings.riskHits().sorted()) {
            PolicySet.RiskEntry r = set.riskFactors().get(ri);
            if (findings.scope(r.policy()) == Tri.TRUE && findings.risk(ri) == Tri.UNKNOWN) {
                undetermined = add(undetermined, new Evaluation.Undetermined(r.id(),
                        Missing.of(r.factor().when(), set.policies().get(r.policy()).windows(), facts)));
            }
        }
        if (contributions.size() > 1) {
            contributions.sort((a, b) -> a.fileOrder() != b.fileOrder() ? Integer.compare(a.fileOrder(), b.fileOrder())
                    : Integer.compare(a.start(), b.start()));
        }
        RiskAssessment risk = risk(findings);
        Decided d = combine(request, facts, findings, at, contributions, anyApplies);
        return DecisionRecord.evaluation(d, request, at, requestId, risk,
                undetermined == null ? List.of() : undetermined, set.digest());
    }

    /**
     * Whether one of the first {@code n} contributions is a rule of policy {@code pi}. A decision has a
     * handful of contributions; an array by policy would be a thousand entries per decision at ten
     * thousand rules.
     */
    private static boolean anyOf(List<Contribution> contributions, int n, int pi) {
        for (int i = 0; i < n; i++) {
            Plan p = contributions.get(i).plan();
            if (p != null && p.policy == pi) {
                return true;
            }
        }
        return false;
    }

    private static List<Evaluation.Undetermined> add(List<Evaluation.Undetermined> list, Evaluation.Undetermined u) {
        List<Evaluation.Undetermined> out = list == null ? new ArrayList<>() : list;
        out.add(u);
        return out;
    }

    @Override
    public Evaluation failed(AccessRequest request, Instant at, String requestId, String why) {
        return DecisionRecord.evaluation(Decided.denied(List.of(), why, request, List.of()), request, at,
                requestId, new RiskAssessment(0, List.of(), List.of()), List.of(), set.digest());
    }

    private RiskAssessment risk(Findings findings) {
        // Most requests meet no risk factor: no sort, no lists.
        if (findings.riskHits().size() == 0) {
            return new RiskAssessment(findings.riskScore(), List.of(), List.of());
        }
        return DecisionProcedure.risk(set, findings);
    }

    private static Decided combine(AccessRequest request, Facts facts, Findings findings, Instant at,
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
                    Resolved resolved = stages(p, request, facts, findings);
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

    /** A requiring rule's stages, or the denial when one of them can never be approved. */
    private record Resolved(List<StageRequirement> stages, Decided denied) {
    }

    /**
     * The stages of a requiring rule as {@link DecisionProcedure} resolves them (conditions, path
     * approvers, the requester removed without {@code allow self-approval}), or the denial when one
     * can never be approved.
     */
    private static Resolved stages(Plan p, AccessRequest request, Facts facts, Findings findings) {
        RequirePlan req = p.require;
        List<StageRequirement> stages = new ArrayList<>();
        List<StageRequirement.Escalation> escalations = null;
        String self = Principal.user(request.requester()).key();
        for (RequirePlan.StagePlan s : req.stages) {
            int keep = s.condition < 0 ? Tri.TRUE : findings.stage(s.condition);
            if (keep == Tri.FALSE) {
                continue;
            }
            List<String> from = s.from.resolve(facts);
            if (!req.selfApproval && s.from.names(from, request.requester())) {
                from = from.stream().filter(a -> !a.equals(self)).toList();
            }
            if (from.isEmpty()) {
                return new Resolved(null, Decided.denied(List.of(p.id), "stage " + s.number + " of " + p.id
                        + " has no eligible approver", request, List.of()));
            }
            int need = s.count >= 0 ? s.count : from.size();
            if (s.count >= 0 && !s.from.anyGroup && need > from.size()) {
                return new Resolved(null, Decided.denied(List.of(p.id), "stage " + s.number + " of " + p.id
                        + " needs " + need + " approvers but only " + from.size() + " can be found", request,
                        List.of()));
            }
            if (escalations == null) {
                escalations = req.escalations(facts);
            }
            stages.add(new StageRequirement(need, from, req.rules, escalations));
        }
        return new Resolved(stages, null);
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
