package io.countersign.engine.decision;

import com.fasterxml.jackson.annotation.JsonValue;

/** The {@code approvalLevel} of an {@link ApprovalDecision}: {@code automatic} when decided by policy. */
public enum ApprovalLevel {
    AUTOMATIC, INITIAL, INTERMEDIATE, FINAL, OVERRIDE;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
