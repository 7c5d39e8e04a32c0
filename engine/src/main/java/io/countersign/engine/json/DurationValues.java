package io.countersign.engine.json;

import java.time.Duration;

/** Reading a run-time value as a duration: a duration, or a string written {@code 1h30m} or {@code PT1H30M}. */
public final class DurationValues {

    private DurationValues() {
    }

    /** The value as a duration, or null when it is not one. */
    public static Duration of(Object v) {
        if (v instanceof Duration d) {
            return d;
        }
        if (v instanceof String s) {
            return DurationJson.parse(s);
        }
        return null;
    }
}
