package io.countersign.analysis.report;

import java.util.Locale;

/** How much a finding matters; {@code OFF} silences its code. Ordered: a threshold passes what is below it. */
public enum Level {
    OFF, NOTE, WARNING, ERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code off}, {@code note} (or {@code info}), {@code warning}, {@code error}; null for anything else. */
    public static Level parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "off", "none" -> OFF;
            case "note", "info" -> NOTE;
            case "warning", "warn" -> WARNING;
            case "error" -> ERROR;
            default -> null;
        };
    }
}
