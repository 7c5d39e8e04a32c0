package io.countersign.engine.decision;

import io.countersign.engine.request.InvalidRequestException;
import java.math.BigDecimal;

/** The seed's required properties and ranges, checked when a decision is read from outside. */
public final class DecisionValidation {

    private DecisionValidation() {
    }

    public static ApprovalDecision validate(ApprovalDecision d) {
        required("decisionId", d.decisionId());
        required("requestId", d.requestId());
        required("decision", d.decision());
        required("decisionDate", d.decisionDate());
        required("rationale", d.rationale());
        required("approvalLevel", d.approvalLevel());
        if (d.confidenceLevel() != null
                && (d.confidenceLevel().signum() < 0 || d.confidenceLevel().compareTo(BigDecimal.ONE) > 0)) {
            throw new InvalidRequestException("confidenceLevel", "must be between 0 and 1");
        }
        if (d.type() != null && !ApprovalDecision.TYPE.equals(d.type())) {
            throw new InvalidRequestException("@type", "must be " + ApprovalDecision.TYPE);
        }
        return d;
    }

    private static void required(String field, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw new InvalidRequestException(field, "is required");
        }
    }
}
