package io.countersign.engine.decide;

import com.fasterxml.jackson.annotation.JsonValue;

/** What policy decided: at once ({@code approved}, {@code conditional}, {@code partial}, {@code denied}) or not yet ({@code pending}). */
public enum Outcome {
    APPROVED, CONDITIONAL, PARTIAL, DENIED, PENDING;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Outcome parse(String s) {
        return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    }

    /** Whether access is granted now. */
    public boolean grants() {
        return this == APPROVED || this == CONDITIONAL || this == PARTIAL;
    }
}
