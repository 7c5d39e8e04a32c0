package io.countersign.engine.report;

import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.model.Approval;
import io.countersign.engine.model.StageState;
import io.countersign.engine.model.StoredRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a report reads from one stored request: how it ended, who decided it and when.
 *
 * @param decisionTime from the request to people's decision; null unless people decided it
 * @param decisions the people's decisions counted toward it: approvals, and the denial that ended it
 * @param approvers whom policy named to decide it (stages' approvers and their escalations)
 */
record Fact(String profile, List<String> rules, String requester, List<String> groups, Fate fate, int risk,
        Duration duration, Instant created, Duration decisionTime, boolean breakGlass, boolean reviewOverdue,
        List<PersonDecision> decisions, Set<String> approvers) {

    /** One person's decision: an approval or a denial, and how long after the stage opened it came. */
    record PersonDecision(String approver, boolean approved, Duration response) {
    }

    /** The default rules of a policy have no id of their own: a request none decided is filed here. */
    static final String NO_RULE = "(no rule)";

    /**
     * @param denial the person's denial that ended {@code r}, when it ended so; else null
     * @param breakGlass whether its history records a break-glass use ({@link Reporter})
     * @param asOf the instant reviews are overdue by
     */
    static Fact of(StoredRequest r, ApprovalDecision denial, boolean breakGlass, Instant asOf) {
        Fate fate = Fate.of(r);
        List<PersonDecision> decisions = new ArrayList<>();
        Set<String> approvers = new LinkedHashSet<>();
        Instant decided = null;
        for (StageState s : r.stages()) {
            approvers.addAll(s.from());
            s.escalations().forEach(e -> approvers.addAll(e.to()));
            approvers.addAll(s.escalatedTo());
            Instant opened = s.openedAt() != null ? s.openedAt() : r.createdAt();
            for (Approval a : s.approvals()) {
                decisions.add(new PersonDecision(a.approver(), true, between(opened, a.at())));
                if (a.at() != null && (decided == null || a.at().isAfter(decided))) {
                    decided = a.at();
                }
            }
        }
        if (fate == Fate.DENIED && denial != null) {
            decided = denial.decisionDate();
            decisions.add(new PersonDecision(denial.approver(), false, between(r.createdAt(), decided)));
        } else if (fate == Fate.DENIED) {
            decided = r.updatedAt();
        }
        Duration decisionTime = fate.byPeople() && decided != null ? between(r.createdAt(), decided) : null;
        Duration duration = r.grant() != null && r.grant().duration() != null ? r.grant().duration() : r.duration();
        return new Fact(r.profile(), r.rules().isEmpty() ? List.of(NO_RULE) : r.rules(), r.requester(), r.groups(), fate,
                r.risk(), duration, r.createdAt(), decisionTime, breakGlass, reviewDueBy(r, asOf),
                List.copyOf(decisions), approvers);
    }

    /**
     * Whether the review of {@code r}'s grant came due by {@code asOf}, as the sweep has it: its review
     * date at or before then, whether the grant is still active, ended or revoked (a break-glass grant
     * of an hour is reviewed days after it ended). Only a grant has a review date.
     */
    static boolean reviewDueBy(StoredRequest r, Instant asOf) {
        return r.reviewDate() != null && !r.reviewDate().isAfter(asOf);
    }

    private static Duration between(Instant from, Instant to) {
        return from == null || to == null || to.isBefore(from) ? Duration.ZERO : Duration.between(from, to);
    }
}
