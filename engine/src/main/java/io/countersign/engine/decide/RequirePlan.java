package io.countersign.engine.decide;

import io.countersign.engine.eval.Facts;
import io.countersign.lang.ast.Clause;
import io.countersign.lang.ast.Outcome;
import io.countersign.lang.ast.Quorum;
import io.countersign.lang.ast.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The stages and workflow settings of a {@code require approval}, compiled for {@link Plan}: each
 * stage's condition, quorum and approvers, the escalations, and, when nothing depends on the
 * request, the merged stages and rationale of the rule requiring approval alone.
 */
final class RequirePlan {
    final StagePlan[] stages;
    final EscalationPlan[] escalations;
    /** The escalations when no target is a path, as {@link DecisionProcedure} lists them; null otherwise. */
    final List<StageRequirement.Escalation> fixedEscalations;
    /** {@code allow self-approval}. */
    final boolean selfApproval;
    /** {@code no delegation}. */
    final boolean noDelegation;
    /** The shortest {@code expire after}; null when none. */
    final Duration expire;
    /** The rule's id as a list: the {@code rules} of its stages. */
    final List<String> rules;
    /**
     * When no stage has a condition and no approver is a path: the merged stages and the rationale of
     * this rule requiring approval alone, provided the requester is none of {@link #users} (or may
     * approve). Null otherwise, and when a stage can never be approved (the procedure says why).
     */
    final List<StageRequirement> alone;
    final String pending;
    /** The ids of every {@code user} approver of the stages. */
    final String[] users;

    private RequirePlan(StagePlan[] stages, EscalationPlan[] escalations,
            List<StageRequirement.Escalation> fixedEscalations, boolean selfApproval, boolean noDelegation,
            Duration expire, List<String> rules, List<StageRequirement> alone, String pending, String[] users) {
        this.stages = stages;
        this.escalations = escalations;
        this.fixedEscalations = fixedEscalations;
        this.selfApproval = selfApproval;
        this.noDelegation = noDelegation;
        this.expire = expire;
        this.rules = rules;
        this.alone = alone;
        this.pending = pending;
        this.users = users;
    }

    static RequirePlan of(String id, List<String> rules, Outcome.RequireApproval req, List<Integer> stageConditions) {
        boolean self = false;
        boolean noDelegation = false;
        Duration expire = null;
        List<EscalationPlan> escalations = new ArrayList<>();
        boolean fixedTargets = true;
        for (Clause c : req.clauses()) {
            if (c instanceof Clause.Expire e) {
                expire = expire == null ? e.after().value() : DecisionProcedure.min(expire, e.after().value());
            } else if (c instanceof Clause.AllowSelfApproval) {
                self = true;
            } else if (c instanceof Clause.NoDelegation) {
                noDelegation = true;
            } else if (c instanceof Clause.Escalate e) {
                Approvers to = Approvers.of(e.to());
                fixedTargets &= to.fixed != null;
                escalations.add(new EscalationPlan(e.after().value(), to));
            }
        }
        List<StageRequirement.Escalation> fixedEscalations = null;
        if (fixedTargets) {
            List<StageRequirement.Escalation> out = new ArrayList<>();
            for (EscalationPlan e : escalations) {
                if (!e.to().fixed.isEmpty()) {
                    out.add(new StageRequirement.Escalation(e.after(), e.to().fixed));
                }
            }
            fixedEscalations = List.copyOf(out);
        }
        List<StagePlan> stages = new ArrayList<>();
        Set<String> users = new LinkedHashSet<>();
        boolean fixed = fixedEscalations != null;
        int conditioned = 0;
        for (int s = 0; s < req.stages().size(); s++) {
            Stage stage = req.stages().get(s);
            int condition = stage.when().isPresent() ? stageConditions.get(conditioned++) : -1;
            int count = stage.quorum() instanceof Quorum.Count n ? n.count() : -1;
            Approvers from = Approvers.of(stage.approvers());
            stages.add(new StagePlan(s + 1, condition, count, from));
            fixed &= condition < 0 && from.fixed != null;
            Collections.addAll(users, from.users);
        }
        List<StageRequirement> alone = null;
        String pending = null;
        if (fixed) {
            List<StageRequirement> resolved = new ArrayList<>();
            for (StagePlan s : stages) {
                int need = s.count >= 0 ? s.count : s.from.fixed.size();
                if (s.from.fixed.isEmpty() || s.count >= 0 && !s.from.anyGroup && need > s.from.fixed.size()) {
                    resolved = null; // never approvable: the procedure denies, and says why
                    break;
                }
                resolved.add(new StageRequirement(need, s.from.fixed, rules, fixedEscalations));
            }
            if (resolved != null) {
                alone = StageRequirements.merge(List.of(resolved));
                pending = "Requires approval: " + StageRequirements.describe(alone);
            }
        }
        return new RequirePlan(stages.toArray(new StagePlan[0]), escalations.toArray(new EscalationPlan[0]),
                fixedEscalations, self, noDelegation, expire, rules, alone, pending, users.toArray(new String[0]));
    }

    /** Whether the requester is among the stages' {@code user} approvers (a path approver aside). */
    boolean namesUser(String requester) {
        for (String u : users) {
            if (u.equals(requester)) {
                return true;
            }
        }
        return false;
    }

    List<StageRequirement.Escalation> escalations(Facts facts) {
        if (fixedEscalations != null) {
            return fixedEscalations;
        }
        List<StageRequirement.Escalation> out = new ArrayList<>();
        for (EscalationPlan e : escalations) {
            List<String> to = e.to().resolve(facts);
            if (!to.isEmpty()) {
                out.add(new StageRequirement.Escalation(e.after(), to));
            }
        }
        return List.copyOf(out);
    }

    /** One stage: its number (1-based), its condition's number or -1, its quorum ({@code N}, or -1 for all). */
    static final class StagePlan {
        final int number;
        final int condition;
        final int count;
        final Approvers from;

        StagePlan(int number, int condition, int count, Approvers from) {
            this.number = number;
            this.condition = condition;
            this.count = count;
            this.from = from;
        }
    }

    /** {@code escalate after D to ...}. */
    record EscalationPlan(Duration after, Approvers to) {
    }
}
