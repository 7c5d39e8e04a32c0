package io.countersign.server.auth;

import java.util.Locale;

/** What a caller may do: ask for decisions, ask the access question, act on requests, run the server. */
public enum Scope {
    DECIDE, ACCESS, LIFECYCLE, ADMIN;

    /** {@code decide} → DECIDE. */
    public static Scope parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown scope '" + text + "' (decide, access, lifecycle, admin)", e);
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
