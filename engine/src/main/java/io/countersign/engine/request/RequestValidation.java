package io.countersign.engine.request;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a request must satisfy before it is evaluated: {@code requester}, {@code profile} and a
 * positive {@code duration}; no blank or repeated groups and permissions; and, when given, a
 * justification that says something (not only spaces and punctuation).
 */
public final class RequestValidation {

    /** Longer than any access a policy should grant; a typo like 7000d is refused, not capped silently. */
    public static final Duration MAX_DURATION = Duration.ofDays(366);

    private RequestValidation() {
    }

    public static AccessRequest validate(AccessRequest r) {
        required("requester", r.requester());
        required("profile", r.profile());
        if (r.duration() == null) {
            throw new InvalidRequestException("duration", "is required (like 1h or PT1H)");
        }
        if (r.duration().isNegative() || r.duration().isZero()) {
            throw new InvalidRequestException("duration", "must be longer than zero");
        }
        if (r.duration().compareTo(MAX_DURATION) > 0) {
            throw new InvalidRequestException("duration", "must be at most " + MAX_DURATION.toDays() + " days");
        }
        instant("at", r.at());
        instant("startAt", r.startAt());
        names("groups", r.groups());
        names("permissions", r.permissions());
        if (r.justification() != null && !saysSomething(r.justification())) {
            throw new InvalidRequestException("justification",
                    "says nothing: write why the access is needed (or leave the field out)");
        }
        if (r.ticket() != null && r.ticket().isBlank()) {
            throw new InvalidRequestException("ticket", "is blank (leave the field out instead)");
        }
        if (r.id() != null && r.id().isBlank()) {
            throw new InvalidRequestException("id", "is blank (leave it out to have one generated)");
        }
        if (r.id() != null && !idLike(r.id())) {
            throw new InvalidRequestException("id", "must be 1 to " + MAX_ID + " letters (a-z, A-Z), digits and"
                    + " . _ : - , beginning with a letter or a digit (leave it out to have one generated)");
        }
        return r;
    }

    /** The longest id a client may choose: a UUID is 36. */
    public static final int MAX_ID = 128;

    /**
     * Whether a client's id is one the stores, URLs and terminals all keep as it is. An id is a key: in
     * SQLite's text and DynamoDB's UTF-8 a lone surrogate becomes {@code ?}, so two ids would name one
     * request; spaces, slashes, controls and look-alikes would make it unreadable or ambiguous.
     */
    private static boolean idLike(String id) {
        if (id.length() > MAX_ID) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean alphanumeric = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!alphanumeric && (i == 0 || c != '.' && c != '_' && c != ':' && c != '-')) {
                return false;
            }
        }
        return true;
    }

    /** The earliest and latest instants a request may name: the years 1 to 9999, as ISO-8601 writes them. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * An instant outside the years 1 to 9999 is refused by name: windows, zones and ends of access are
     * computed from it, and past those years the arithmetic of dates overflows.
     */
    private static void instant(String field, OffsetDateTime value) {
        if (value != null && (value.toInstant().isBefore(EARLIEST) || value.toInstant().isAfter(LATEST))) {
            throw new InvalidRequestException(field, "is " + value + ": an instant must lie within the years 1 to 9999");
        }
    }

    private static int indexOf(List<String> values, String v, int before) {
        for (int j = 0; j < before; j++) {
            if (values.get(j).equals(v)) {
                return j;
            }
        }
        return -1;
    }

    /** Whether a text holds a letter or a digit (not only spaces and punctuation). */
    private static boolean saysSomething(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    private static void required(String field, String value) {
        if (value == null) {
            throw new InvalidRequestException(field, "is required");
        }
        if (value.isBlank()) {
            throw new InvalidRequestException(field, "is blank");
        }
    }

    private static void names(String field, List<String> values) {
        // Requests are checked on every gateway call: short lists are compared pairwise, without a set.
        Set<String> seen = values.size() > 16 ? new HashSet<>() : null;
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v == null) {
                throw new InvalidRequestException(field + "[" + i + "]", "is null: write a name");
            }
            if (v.isBlank()) {
                throw new InvalidRequestException(field + "[" + i + "]", "is blank");
            }
            boolean repeated = seen != null ? !seen.add(v) : indexOf(values, v, i) >= 0;
            if (repeated) {
                throw new InvalidRequestException(field + "[" + i + "]", "repeats \"" + v + "\"");
            }
        }
    }
}
