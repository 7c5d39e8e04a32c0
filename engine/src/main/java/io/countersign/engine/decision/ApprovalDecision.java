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
        return toBuilder().seal(seal).build();
    }

    /** A decision built by name: every part absent until set, {@code type} {@link #TYPE}. */
    public static Builder builder() {
        return new Builder().type(TYPE);
    }

    /** A builder starting from this decision's parts. */
    public Builder toBuilder() {
        return new Builder().type(type).decisionId(decisionId).requestId(requestId).approver(approver)
                .decision(decision).decisionDate(decisionDate).rationale(rationale).approvalLevel(approvalLevel)
                .authoritySource(authoritySource).conditions(conditions).stipulations(stipulations)
                .partialGrants(partialGrants).riskAssessment(riskAssessment).complianceCheck(complianceCheck)
                .precedentIds(precedentIds).overrides(overrides).escalationReason(escalationReason)
                .delegatedFrom(delegatedFrom).reviewRequired(reviewRequired).reviewDate(reviewDate)
                .expiryDate(expiryDate).autoRenewable(autoRenewable).comments(comments)
                .confidenceLevel(confidenceLevel).consultedParties(consultedParties)
                .evidenceProvided(evidenceProvided).notificationsSent(notificationsSent)
                .followUpActions(followUpActions).isActive(isActive).revocationReason(revocationReason)
                .auditNotes(auditNotes).metadata(metadata).createdAt(createdAt).seal(seal);
    }

    /** Names each part of a decision; {@link #build()} makes the immutable record. */
    public static final class Builder {
        private String type;
        private String decisionId;
        private String requestId;
        private String approver;
        private DecisionKind decision;
        private Instant decisionDate;
        private String rationale;
        private ApprovalLevel approvalLevel;
        private String authoritySource;
        private String conditions;
        private String stipulations;
        private String partialGrants;
        private String riskAssessment;
        private String complianceCheck;
        private String precedentIds;
        private String overrides;
        private String escalationReason;
        private String delegatedFrom;
        private Boolean reviewRequired;
        private Instant reviewDate;
        private Instant expiryDate;
        private Boolean autoRenewable;
        private String comments;
        private BigDecimal confidenceLevel;
        private String consultedParties;
        private String evidenceProvided;
        private String notificationsSent;
        private String followUpActions;
        private Boolean isActive;
        private String revocationReason;
        private String auditNotes;
        private Map<String, Object> metadata;
        private Instant createdAt;
        private String seal;

        private Builder() {
        }

        public Builder type(String value) {
            this.type = value;
            return this;
        }

        public Builder decisionId(String value) {
            this.decisionId = value;
            return this;
        }

        public Builder requestId(String value) {
            this.requestId = value;
            return this;
        }

        public Builder approver(String value) {
            this.approver = value;
            return this;
        }

        public Builder decision(DecisionKind value) {
            this.decision = value;
            return this;
        }

        public Builder decisionDate(Instant value) {
            this.decisionDate = value;
            return this;
        }

        public Builder rationale(String value) {
            this.rationale = value;
            return this;
        }

        public Builder approvalLevel(ApprovalLevel value) {
            this.approvalLevel = value;
            return this;
        }

        public Builder authoritySource(String value) {
            this.authoritySource = value;
            return this;
        }

        public Builder conditions(String value) {
            this.conditions = value;
            return this;
        }

        public Builder stipulations(String value) {
            this.stipulations = value;
            return this;
        }

        public Builder partialGrants(String value) {
            this.partialGrants = value;
            return this;
        }

        public Builder riskAssessment(String value) {
            this.riskAssessment = value;
            return this;
        }

        public Builder complianceCheck(String value) {
            this.complianceCheck = value;
            return this;
        }

        public Builder precedentIds(String value) {
            this.precedentIds = value;
            return this;
        }

        public Builder overrides(String value) {
            this.overrides = value;
            return this;
        }

        public Builder escalationReason(String value) {
            this.escalationReason = value;
            return this;
        }

        public Builder delegatedFrom(String value) {
            this.delegatedFrom = value;
            return this;
        }

        public Builder reviewRequired(Boolean value) {
            this.reviewRequired = value;
            return this;
        }

        public Builder reviewDate(Instant value) {
            this.reviewDate = value;
            return this;
        }

        public Builder expiryDate(Instant value) {
            this.expiryDate = value;
            return this;
        }

        public Builder autoRenewable(Boolean value) {
            this.autoRenewable = value;
            return this;
        }

        public Builder comments(String value) {
            this.comments = value;
            return this;
        }

        public Builder confidenceLevel(BigDecimal value) {
            this.confidenceLevel = value;
            return this;
        }

        public Builder consultedParties(String value) {
            this.consultedParties = value;
            return this;
        }

        public Builder evidenceProvided(String value) {
            this.evidenceProvided = value;
            return this;
        }

        public Builder notificationsSent(String value) {
            this.notificationsSent = value;
            return this;
        }

        public Builder followUpActions(String value) {
            this.followUpActions = value;
            return this;
        }

        public Builder isActive(Boolean value) {
            this.isActive = value;
            return this;
        }

        public Builder revocationReason(String value) {
            this.revocationReason = value;
            return this;
        }

        public Builder auditNotes(String value) {
            this.auditNotes = value;
            return this;
        }

        public Builder metadata(Map<String, Object> value) {
            this.metadata = value;
            return this;
        }

        public Builder createdAt(Instant value) {
            this.createdAt = value;
            return this;
        }

        public Builder seal(String value) {
            this.seal = value;
            return this;
        }

        public ApprovalDecision build() {
            return new ApprovalDecision(type, decisionId, requestId, approver, decision, decisionDate,
                    rationale, approvalLevel, authoritySource, conditions, stipulations, partialGrants,
                    riskAssessment, complianceCheck, precedentIds, overrides, escalationReason, delegatedFrom,
                    reviewRequired, reviewDate, expiryDate, autoRenewable, comments, confidenceLevel,
                    consultedParties, evidenceProvided, notificationsSent, followUpActions, isActive,
                    revocationReason, auditNotes, metadata, createdAt, seal);
        }
    }
}
