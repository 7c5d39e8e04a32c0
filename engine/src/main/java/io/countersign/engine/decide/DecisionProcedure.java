package io.countersign.engine.decide;

import io.countersign.engine.directory.Principal;
import io.countersign.engine.eval.Facts;
import io.countersign.engine.eval.Findings;
import io.countersign.engine.eval.Missing;
import io.countersign.engine.eval.Tri;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.request.AccessRequest;
import io.countersign.lang.ast.Clause;
import io.countersign.lang.ast.Loc;
import io.countersign.lang.ast.Outcome.Approve;
import io.countersign.lang.ast.Outcome.Deny;
import io.countersign.lang.ast.Outcome.RequireApproval;
import io.countersign.lang.ast.Quorum;
import io.countersign.lang.ast.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * From findings to a decision, as LANGUAGE.md says: risk first, then every rule of every
 * applicable policy; a deny anywhere denies; otherwise any requirement makes the request pending
 * with the stages of all requiring rules; otherwise approvals grant, their grants merged; otherwise
 * the policies' defaults; otherwise denied. Pure: the same set, request and findings give the same
 * evaluation.
 *
 * <p>This procedure walks the AST of the deciding rules: it is the reference, used with the
 * reference evaluator and for explanations. The production authorizer decides with
 * {@link CompiledProcedure}, the same procedure over outcomes compiled once; the differential test
 * holds the two to the same evaluations, byte for byte.
 */
public final class DecisionProcedure implements Procedure {

    /** How long a pending request waits when no rule says {@code expire after}. */
    public static final Duration DEFAULT_EXPIRY = Duration.ofHours(24);

    private final PolicySet set;

    public DecisionProcedure(PolicySet set) {
        this.set = set;
    }

    /** What one rule (or default, or unknown scope) contributes, at its place in the file order. */
    private record Contribution(String id, io.countersign.lang.ast.Outcome outcome, Loc loc,
            List<Integer> stageConditions, String denial) {
    }

    @Override
    public Evaluation decide(AccessRequest request, Facts facts, Findings findings, Instant at, String requestId) {
        // Only what the evaluator recorded as true or unknown is visited: deciding costs the number
        // of hits and of policies with a default, not the size of the set.
        List<Contribution> contributions = new ArrayList<>();
        List<Evaluation.Undetermined> undetermined = new ArrayList<>();
        boolean anyApplies = !set.unscopedPolicies().isEmpty();
        for (int pi : findings.scopeHits().sorted()) {
            PolicySet.PolicyEntry p = set.policies().get(pi);
            if (findings.scope(pi) == Tri.TRUE) {
                anyApplies = true;
            } else if (findings.scope(pi) == Tri.UNKNOWN) {
                String missing = Missing.of(p.scope().orElseThrow(), p.windows(), facts);
                undetermined.add(new Evaluation.Undetermined(p.name() + "/scope", missing));
                contributions.add(new Contribution(p.name() + "/scope", null, p.policy().loc(), List.of(),
                        "cannot tell whether policy " + p.name() + " applies: " + missing + " is missing"));
            }
        }
        boolean[] matched = new boolean[set.policies().size()];
        for (int ri : findings.ruleHits().sorted()) {
            PolicySet.RuleEntry r = set.rules().get(ri);
            if (findings.scope(r.policy()) != Tri.TRUE) {
                continue;
            }
            int t = findings.rule(ri);
            if (t == Tri.UNKNOWN) {
                undetermined.add(new Evaluation.Undetermined(r.id(), Missing.of(r.rule().when().orElseThrow(),
                        set.policies().get(r.policy()).windows(), facts)));
            }
            if (t == Tri.TRUE || t == Tri.UNKNOWN && r.rule().outcome() instanceof Deny) {
                matched[r.policy()] = true;
                contributions.add(new Contribution(r.id(), r.rule().outcome(), r.rule().loc(), r.stageConditions(),
                        null));
            }
        }
        for (int pi : set.policiesWithDefaults()) {
            PolicySet.PolicyEntry p = set.policies().get(pi);
            if (findings.scope(pi) == Tri.TRUE && !matched[pi]) {
                io.countersign.lang.ast.Outcome d = p.defaultOutcome().orElseThrow();
                contributions.add(new Contribution(p.name() + "/default", d, d.loc(), p.defaultStageConditions(),
                        null));
            }
        }
        for (int ri : findings.riskHits().sorted()) {
            PolicySet.RiskEntry r = set.riskFactors().get(ri);
            if (findings.scope(r.policy()) == Tri.TRUE && findings.risk(ri) == Tri.UNKNOWN) {
                undetermined.add(new Evaluation.Undetermined(r.id(),
                        Missing.of(r.factor().when(), set.policies().get(r.policy()).windows(), facts)));
            }
        }
        contributions.sort(Comparator.comparingInt((Contribution c) -> set.fileOrder(c.loc().file()))
                .thenComparingInt(c -> c.loc().start()));
        RiskAssessment risk = risk(set, findings);
        Decided d = combine(request, facts, findings, at, contributions, anyApplies);
        return DecisionRecord.evaluation(d, request, at, requestId, risk, undetermined, set.digest());
    }

    /** A request the evaluator could not finish: denied, never approved. */
    @Override
    public Evaluation failed(AccessRequest request, Instant at, String requestId, String why) {
        return DecisionRecord.evaluation(Decided.denied(List.of(), why, request, List.of()), request, at, requestId,
                new RiskAssessment(0, List.of(), List.of()), List.of(), set.digest());
    }

    /**
     * The evaluation with its decision record (null while pending).
     *
     * @param controls what the deciding rules that name controls claim
     *     ({@link io.countersign.engine.policy.PolicySet#controls}): the record's {@code complianceCheck}
     */
    public static Decision withRecord(Evaluation e, AccessRequest request,
            List<io.countersign.engine.compliance.RuleControls> controls) {
        return new Decision(e, DecisionRecord.of(e, request, controls));
    }

    /** The id of a request that came without one: derived from the set, the request and the instant. */
    public static String derivedRequestId(String digest, AccessRequest request, Instant at) {
        return DecisionRecord.id("request", digest, request, at).toString();
    }

    /** The applicable factors that held and those that were unknown, in the set's order. */
    static RiskAssessment risk(PolicySet set, Findings findings) {
        List<RiskAssessment.Factor> factors = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (int ri : findings.riskHits().sorted()) {
            PolicySet.RiskEntry r = set.riskFactors().get(ri);
            if (findings.scope(r.policy()) != Tri.TRUE) {
                continue;
            }
            if (findings.risk(r.index()) == Tri.TRUE) {
                factors.add(new RiskAssessment.Factor(r.id(), r.factor().weight()));
            } else if (findings.risk(r.index()) == Tri.UNKNOWN) {
                unknown.add(r.id());
            }
        }
        return new RiskAssessment(findings.riskScore(), factors, unknown);
    }

    private Decided combine(AccessRequest request, Facts facts, Findings findings, Instant at,
            List<Contribution> contributions, boolean anyApplies) {
        // 1. any deny denies, naming every denying rule
        List<Contribution> denials = new ArrayList<>(0);
        for (Contribution c : contributions) {
            if (c.denial() != null || c.outcome() instanceof Deny) {
                denials.add(c);
            }
        }
        if (!denials.isEmpty()) {
            List<String> reasons = new ArrayList<>();
            Set<String> appeal = new LinkedHashSet<>();
            for (Contribution c : denials) {
                if (c.denial() != null) {
                    reasons.add(c.denial());
                    continue;
                }
                Deny deny = (Deny) c.outcome();
                reasons.add(c.id() + ": " + deny.reason().value());
                for (Clause cl : deny.clauses()) {
                    if (cl instanceof Clause.Appeal a) {
                        appeal.addAll(StageRequirements.approvers(a.to(), facts));
                    }
                }
            }
            return Decided.denied(ids(denials), "Denied by " + String.join("; ", reasons), request,
                    List.copyOf(appeal));
        }
        // 2. requirements: stages of every requiring rule, dropping stages whose condition is false
        List<Contribution> approvals = new ArrayList<>();
        List<Contribution> requiring = new ArrayList<>();
        List<List<StageRequirement>> stagesByRule = new ArrayList<>();
        for (Contribution c : contributions) {
            if (c.outcome() instanceof RequireApproval req) {
                List<StageRequirement> stages = new ArrayList<>();
                int number = 0;
                int conditioned = 0;
                // Without "allow self-approval" the requester is nobody's approver here: a stage that
                // only they could approve can never complete, so it denies now instead of expiring later.
                boolean selfAllowed = req.clauses().stream().anyMatch(Clause.AllowSelfApproval.class::isInstance);
                String self = Principal.user(request.requester()).key();
                for (Stage s : req.stages()) {
                    number++;
                    int keep = Tri.TRUE;
                    if (s.when().isPresent()) {
                        keep = findings.stage(c.stageConditions().get(conditioned++));
                    }
                    if (keep == Tri.FALSE) {
                        continue;
                    }
                    List<String> from = StageRequirements.approvers(s.approvers(), facts);
                    if (!selfAllowed && from.contains(self)) {
                        from = from.stream().filter(a -> !a.equals(self)).toList();
                    }
                    if (from.isEmpty()) {
                        return Decided.denied(List.of(c.id()), "stage " + number + " of " + c.id()
                                + " has no eligible approver", request, List.of());
                    }
                    int need = s.quorum() instanceof Quorum.Count n ? n.count() : from.size();
                    if (s.quorum() instanceof Quorum.Count && from.stream().noneMatch(a -> Principal.of(a).orElse(null) instanceof Principal.Group)
                            && need > from.size()) {
                        return Decided.denied(List.of(c.id()), "stage " + number + " of " + c.id() + " needs " + need
                                + " approvers but only " + from.size() + " can be found", request, List.of());
                    }
                    stages.add(new StageRequirement(need, from, List.of(c.id()),
                            StageRequirements.escalations(req, facts)));
                }
                if (stages.isEmpty()) {
                    approvals.add(c); // every stage dropped: the rule approves with its grants
                } else {
                    requiring.add(c);
                    stagesByRule.add(stages);
                }
            } else if (c.outcome() instanceof Approve) {
                approvals.add(c);
            }
        }
        if (!requiring.isEmpty()) {
            List<StageRequirement> merged = StageRequirements.merge(stagesByRule);
            Grants g = Grants.merge(requiring.stream().map(Contribution::outcome).toList(), request, at);
            Duration expire = DEFAULT_EXPIRY;
            boolean selfApproval = true;
            boolean delegation = true;
            boolean anyExpire = false;
            for (Contribution c : requiring) {
                boolean allows = false;
                for (Clause cl : c.outcome().clauses()) {
                    if (cl instanceof Clause.Expire e) {
                        expire = anyExpire ? min(expire, e.after().value()) : e.after().value();
                        anyExpire = true;
                    } else if (cl instanceof Clause.AllowSelfApproval) {
                        allows = true;
                    } else if (cl instanceof Clause.NoDelegation) {
                        delegation = false;
                    }
                }
                selfApproval &= allows;
            }
            return new Decided(Outcome.PENDING, ids(requiring),
                    "Requires approval: " + StageRequirements.describe(merged), g, merged, expire, selfApproval,
                    delegation, List.of());
        }
        // 3. approvals, their grants merged
        if (!approvals.isEmpty()) {
            Grants g = Grants.merge(approvals.stream().map(Contribution::outcome).toList(), request, at);
            List<String> rules = ids(approvals);
            if (g.permissionsEmptied()) {
                return Decided.denied(rules, String.join(", ", rules) + " grants none of the requested permissions",
                        request, List.of());
            }
            Outcome o = g.narrowedPermissions() ? Outcome.PARTIAL : g.conditional() ? Outcome.CONDITIONAL
                    : Outcome.APPROVED;
            return new Decided(o, rules, "Approved by " + String.join(", ", rules), g, List.of(), null, false, true,
                    List.of());
        }
        // 4. nothing decides
        return Decided.denied(List.of(), anyApplies ? "no rule decides this request" : "no policy applies", request,
                List.of());
    }

    static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static List<String> ids(List<Contribution> cs) {
        List<String> out = new ArrayList<>();
        cs.forEach(c -> out.add(c.id()));
        return out;
    }
}
