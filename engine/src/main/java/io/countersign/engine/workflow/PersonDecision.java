package io.countersign.engine.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.decision.ApprovalLevel;
import io.countersign.engine.decision.DecisionKind;
import io.countersign.engine.json.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The {@link ApprovalDecision} a person's action records: who, what, at which stage, on what
 * authority, and its signature (or that policy accepted it unsigned). Fields that do not apply stay absent.
 */
record PersonDecision(String requestId, String approver, DecisionKind kind, Instant at, String rationale,
        ApprovalLevel level, String authority, Map<String, Object> signing) {

    /** The decision with its optional parts. */
    ApprovalDecision record(Parts p) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (p.stage() > 0) {
            metadata.put("stage", p.stage());
        }
        metadata.put("policyVersion", p.policyVersion());
        if (p.delegatedTo() != null) {
            metadata.put("delegatedTo", p.delegatedTo());
        }
        metadata.putAll(signing);
        return new ApprovalDecision(ApprovalDecision.TYPE, UUID.randomUUID().toString(), requestId, approver, kind, at,
                rationale, level, authority,
                p.conditions() == null || p.conditions().isEmpty() ? null : json(p.conditions()),
                p.stipulations() == null || p.stipulations().isEmpty() ? null : String.join("; ", p.stipulations()),
                p.partialGrants() == null ? null : json(p.partialGrants()),
                null, null, null,
                p.overrides(),
                p.escalationReason(),
                p.delegatedFrom(),
                p.reviewDate() != null ? Boolean.TRUE : null,
                p.reviewDate(),
                p.expiryDate(),
                null, null, null, null, null, null, null,
                kind != DecisionKind.REVOKED,
                p.revocationReason(),
                null,
                metadata,
                at);
    }

    /** The optional parts of a person's decision; null where they do not apply. */
    record Parts(int stage, String policyVersion, Map<String, Object> conditions, java.util.List<String> stipulations,
            java.util.List<String> partialGrants, String overrides, String escalationReason, String delegatedFrom,
            String delegatedTo, Instant reviewDate, Instant expiryDate, String revocationReason) {

        static Parts of(int stage, String policyVersion) {
            return new Parts(stage, policyVersion, null, null, null, null, null, null, null, null, null, null);
        }
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("decision values are plain JSON", e);
        }
    }
}
