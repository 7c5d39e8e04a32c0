package io.countersign.engine.decide;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The decision of a policy set on one request.
 *
 * @param duration the granted duration: the requested one, or the smallest cap when shorter
 * @param permissions the granted permissions (after {@code grant only})
 * @param stages for {@code pending}: the approvals still needed, in order
 * @param conditions the merged {@code condition}s, as JSON values (durations as {@code PT4H})
 * @param reviewDate the earliest {@code review after}, from {@code at}
 * @param expireAfter for {@code pending}: how long the request may wait for its approvals
 * @param selfApproval whether the requester may approve their own request (every requiring rule must allow it)
 * @param delegation whether approvers may delegate (no requiring rule says {@code no delegation})
 * @param rules the deciding rule ids ({@code policy/rule}, {@code policy/default}, {@code policy/scope})
 * @param undetermined rules whose condition needed an attribute the request lacks
 * @param appealTo for {@code denied}: who may hear an appeal ({@code group:NAME}, {@code user:ID})
 * @param policyVersion the digest of the policy set
 * @see Decision for the evaluation with its {@code ApprovalDecision} record
 */
public record Evaluation(
        Outcome outcome,
        String requestId,
        Instant at,
        Duration duration,
        List<String> permissions,
        List<StageRequirement> stages,
        Map<String, Object> conditions,
        List<String> stipulations,
        List<FollowUp> followUps,
        Instant reviewDate,
        boolean renewable,
        Duration expireAfter,
        boolean selfApproval,
        boolean delegation,
        RiskAssessment risk,
        List<String> rules,
        List<Undetermined> undetermined,
        String rationale,
        List<String> appealTo,
        String policyVersion) {

    /** A follow-up action and when it is due. */
    public record FollowUp(String action, Instant due) {
    }

    /** A rule (or scope, or risk factor) that could not be evaluated, and the attribute it needed. */
    public record Undetermined(String rule, String missing) {
    }
}
