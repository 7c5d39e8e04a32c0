package io.countersign.engine.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a request is in its life (DATA.md): {@code pending} until decided; {@code approved} while the
 * grant stands, then {@code expired} or {@code revoked}; {@code denied} (reopened only by an appeal),
 * {@code expired} and {@code cancelled} are final.
 */
public enum RequestStatus {
    PENDING, APPROVED, DENIED, EXPIRED, CANCELLED, REVOKED;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status named {@code s}, or an exception naming the values there are. */
    public static RequestStatus parse(String s) {
        for (RequestStatus v : values()) {
            if (v.toString().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown status '" + s + "' (expected pending, approved, denied, expired,"
                + " cancelled or revoked)");
    }
}
