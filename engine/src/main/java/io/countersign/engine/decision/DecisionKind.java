package io.countersign.engine.decision;

import com.fasterxml.jackson.annotation.JsonValue;

/** The {@code decision} of an {@link ApprovalDecision}. */
public enum DecisionKind {
    APPROVED, DENIED, CONDITIONAL, PARTIAL, ESCALATED, DELEGATED, REVOKED;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
