package io.countersign.engine.decide;

import io.countersign.engine.decide.PlanCombination.Contribution;
import io.countersign.engine.eval.Facts;
import io.countersign.engine.eval.Findings;
import io.countersign.engine.eval.Missing;
import io.countersign.engine.eval.Tri;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.request.AccessRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
        Decided d = PlanCombination.combine(request, facts, findings, at, contributions, anyApplies);
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
}
