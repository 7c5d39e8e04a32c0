package io.countersign.engine.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.decision.ApprovalLevel;
import io.countersign.engine.decision.DecisionKind;
import io.countersign.engine.decide.RiskAssessment;
import io.countersign.engine.json.Json;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.precedent.PrecedentSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@link ApprovalDecision} a person's action records, built by name: who, what, at which stage, on
 * what authority, and its signature (or that policy accepted it unsigned). Parts that do not apply stay
 * absent.
 */
final class PersonDecision {

    private final ApprovalDecision.Builder decision;
    private final Map<String, Object> signing;
    private final String policyVersion;
    private int stage;
    private String delegatedTo;

    private PersonDecision(StoredRequest cur, String actor, DecisionKind kind, Instant at, Map<String, Object> signing) {
        this.decision = ApprovalDecision.builder().decisionId(UUID.randomUUID().toString()).requestId(cur.id())
                .approver(actor).decision(kind).decisionDate(at).isActive(kind != DecisionKind.REVOKED).createdAt(at)
                .precedentIds(PrecedentSummary.ids(cur.precedents()));
        this.signing = signing;
        this.policyVersion = cur.policyVersion();
    }

    /** {@code actor}'s decision of {@code kind} on {@code cur} at {@code at}, with its signature's record. */
    static PersonDecision of(StoredRequest cur, String actor, DecisionKind kind, Instant at, Map<String, Object> signing) {
        return new PersonDecision(cur, actor, kind, at, signing);
    }

    PersonDecision why(String rationale) {
        decision.rationale(rationale);
        return this;
    }

    /** At which level, on what authority ({@code group:sre-leads}, {@code delegated-by:bob}, {@code requester}). */
    PersonDecision as(ApprovalLevel level, String authority) {
        decision.approvalLevel(level).authoritySource(authority);
        return this;
    }

    /** The stage decided, counted from 1; 0 (absent) for a decision on the whole request. */
    PersonDecision stage(int number) {
        this.stage = number;
        return this;
    }

    PersonDecision conditions(Map<String, Object> added) {
        decision.conditions(added.isEmpty() ? null : json(added));
        return this;
    }

    PersonDecision stipulations(List<String> added) {
        decision.stipulations(added.isEmpty() ? null : String.join("; ", added));
        return this;
    }

    /**
     * The whole grant an approval results in, as policy's own decision records one: every condition and
     * stipulation (policy's and the approvers'), the follow-ups due from {@code approvedAt}, renewal.
     */
    PersonDecision grant(StoredRequest.Grant g, Instant approvedAt) {
        decision.conditions(g.conditions().isEmpty() ? null : json(g.conditions()))
                .stipulations(g.stipulations().isEmpty() ? null : String.join("; ", g.stipulations()))
                .autoRenewable(g.renewable());
        if (!g.followUps().isEmpty()) {
            List<Map<String, Object>> due = new ArrayList<>();
            for (StoredRequest.FollowUp f : g.followUps()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("action", f.action());
                m.put("due_date", approvedAt.plus(f.within()).toString());
                due.add(m);
            }
            decision.followUpActions(json(due));
        }
        return this;
    }

    /** The risk assessment made at submission, in the seed's shape. */
    PersonDecision risk(RiskAssessment risk) {
        decision.riskAssessment(json(risk.json()));
        return this;
    }

    /** The decider's remarks: comments, confidence, who was consulted, the evidence seen. */
    PersonDecision remarks(Terms t) {
        decision.comments(t.comments()).confidenceLevel(t.confidenceLevel())
                .consultedParties(t.consultedParties().isEmpty() ? null : json(t.consultedParties()))
                .evidenceProvided(t.evidenceProvided().isEmpty() ? null : json(t.evidenceProvided()));
        return this;
    }

    PersonDecision partialGrants(List<String> permissions) {
        decision.partialGrants(json(permissions));
        return this;
    }

    /** The denial an appeal's hearing may override. */
    PersonDecision overrides(String denialId) {
        decision.overrides(denialId);
        return this;
    }

    PersonDecision escalationReason(String reason) {
        decision.escalationReason(reason);
        return this;
    }

    /** The delegator whose place the approver holds. */
    PersonDecision onBehalfOf(String delegator) {
        decision.delegatedFrom(delegator);
        return this;
    }

    PersonDecision delegatedTo(String delegate) {
        this.delegatedTo = delegate;
        return this;
    }

    PersonDecision review(Instant date) {
        decision.reviewRequired(date != null ? Boolean.TRUE : null).reviewDate(date);
        return this;
    }

    PersonDecision expiry(Instant date) {
        decision.expiryDate(date);
        return this;
    }

    PersonDecision revocationReason(String reason) {
        decision.revocationReason(reason);
        return this;
    }

    ApprovalDecision record() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (stage > 0) {
            metadata.put("stage", stage);
        }
        metadata.put("policyVersion", policyVersion);
        if (delegatedTo != null) {
            metadata.put("delegatedTo", delegatedTo);
        }
        metadata.putAll(signing);
        return decision.metadata(metadata).build();
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("decision values are plain JSON", e);
        }
    }
}
