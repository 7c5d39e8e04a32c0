package io.countersign.engine.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * One decision on an access request, with every property of the seed entity and its meaning.
 * Properties the seed types as "JSON string" ({@code conditions}, {@code riskAssessment}, ...) hold
 * JSON text, exactly as the seed's examples do, so records written elsewhere read and write back
 * unchanged. {@code type} is the {@code @type} tag of the seed's examples. {@code seal} is not the
 * seed's: the service's seal over the stored decision ({@link io.countersign.engine.seal.Sealer}),
 * absent until the store writes it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"@type"})
public record ApprovalDecision(
        @JsonProperty("@type") String type,
        String decisionId,
        String requestId,
        String approver,
        DecisionKind decision,
        Instant decisionDate,
        String rationale,
        ApprovalLevel approvalLevel,
        String authoritySource,
        String conditions,
        String stipulations,
        String partialGrants,
        String riskAssessment,
        String complianceCheck,
        String precedentIds,
        String overrides,
        String escalationReason,
        String delegatedFrom,
        Boolean reviewRequired,
        Instant reviewDate,
        Instant expiryDate,
        Boolean autoRenewable,
        String comments,
        BigDecimal confidenceLevel,
        String consultedParties,
        String evidenceProvided,
        String notificationsSent,
        String followUpActions,
        @JsonProperty("isActive") Boolean isActive,
        String revocationReason,
        String auditNotes,
        Map<String, Object> metadata,
        Instant createdAt,
        String seal) {

    public static final String TYPE = "ApprovalDecision";
    /** The approver of a decision made by policy. */
    public static final String POLICY = "policy";

    public ApprovalDecision {
        if (metadata != null) {
            metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
        }
    }

    /** A decision without the store's seal: the seed's properties and {@code createdAt}. */
    public ApprovalDecision(String type, String decisionId, String requestId, String approver, DecisionKind decision,
            Instant decisionDate, String rationale, ApprovalLevel approvalLevel, String authoritySource,
            String conditions, String stipulations, String partialGrants, String riskAssessment,
            String complianceCheck, String precedentIds, String overrides, String escalationReason,
            String delegatedFrom, Boolean reviewRequired, Instant reviewDate, Instant expiryDate,
            Boolean autoRenewable, String comments, BigDecimal confidenceLevel, String consultedParties,
            String evidenceProvided, String notificationsSent, String followUpActions, Boolean isActive,
            String revocationReason, String auditNotes, Map<String, Object> metadata, Instant createdAt) {
        this(type, decisionId, requestId, approver, decision, decisionDate, rationale, approvalLevel,
                authoritySource, conditions, stipulations, partialGrants, riskAssessment, complianceCheck,
                precedentIds, overrides, escalationReason, delegatedFrom, reviewRequired, reviewDate, expiryDate,
                autoRenewable, comments, confidenceLevel, consultedParties, evidenceProvided, notificationsSent,
                followUpActions, isActive, revocationReason, auditNotes, metadata, createdAt, null);
    }

    /** The same decision with the store's {@code seal}. */
    public ApprovalDecision withSeal(String seal) {
        return new ApprovalDecision(type, decisionId, requestId, approver, decision, decisionDate, rationale,
                approvalLevel, authoritySource, conditions, stipulations, partialGrants, riskAssessment,
                complianceCheck, precedentIds, overrides, escalationReason, delegatedFrom, reviewRequired, reviewDate,
                expiryDate, autoRenewable, comments, confidenceLevel, consultedParties, evidenceProvided,
                notificationsSent, followUpActions, isActive, revocationReason, auditNotes, metadata, createdAt, seal);
    }
}
