package io.countersign.engine.request;

import java.util.List;
import java.util.Map;

/**
 * How much one submitted request may carry. A request is kept for years, copied into the event that
 * creates it, listed by the page and shown whole: a DynamoDB item holds at most 400 KB, and a page of
 * listing holds up to 200 requests. Checked when a request is submitted, not when one is only decided
 * (a decision keeps nothing, and replaying an older record must still decide it).
 */
public final class StoredSize {

    /** The longest justification: a few paragraphs; a document is linked, not pasted. */
    public static final int MAX_TEXT = 4096;
    /** The longest requester, profile, ticket, group or permission. */
    public static final int MAX_NAME = 256;
    /** The most groups, or permissions, one request names. */
    public static final int MAX_ITEMS = 1000;
    /** The most the context, or the attributes, may hold: the characters of their keys and values. */
    public static final int MAX_OPEN = 32 * 1024;

    private StoredSize() {
    }

    /** {@code r} when it is small enough to keep; otherwise refused, naming the field. */
    public static AccessRequest check(AccessRequest r) {
        name("requester", r.requester());
        name("profile", r.profile());
        name("ticket", r.ticket());
        text("justification", r.justification());
        names("groups", r.groups());
        names("permissions", r.permissions());
        open("context", r.context());
        open("attributes", r.attributes());
        return r;
    }

    /** A text of a few paragraphs at most: a justification, a reason, a comment. */
    public static void text(String field, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            throw new InvalidRequestException(field, "is " + value.length() + " characters: at most " + MAX_TEXT
                    + " (link a longer document)");
        }
    }

    /** A name of a line at most. */
    public static void name(String field, String value) {
        if (value != null && value.length() > MAX_NAME) {
            throw new InvalidRequestException(field, "is " + value.length() + " characters: at most " + MAX_NAME);
        }
    }

    /** At most {@link #MAX_ITEMS} names, each {@link #name} at most. */
    public static List<String> names(String field, List<String> values) {
        if (values == null) {
            return null;
        }
        if (values.size() > MAX_ITEMS) {
            throw new InvalidRequestException(field, "names " + values.size() + ": at most " + MAX_ITEMS);
        }
        for (int i = 0; i < values.size(); i++) {
            name(field + "[" + i + "]", values.get(i));
        }
        return values;
    }

    /** Open JSON values of at most {@link #MAX_OPEN} characters of keys and values. */
    public static void open(String field, Map<String, Object> values) {
        if (weigh(values, MAX_OPEN) < 0) {
            throw new InvalidRequestException(field, "holds more than " + MAX_OPEN
                    + " characters of keys and values: keep it to the facts policies read");
        }
    }

    /**
     * What is left of {@code budget} after {@code value}'s keys and values (a number or a flag counts its
     * text); negative once it is spent, and then no further.
     */
    private static long weigh(Object value, long budget) {
        if (budget < 0) {
            return budget;
        }
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                budget = weigh(e.getValue(), budget - String.valueOf(e.getKey()).length());
                if (budget < 0) {
                    return budget;
                }
            }
            return budget;
        }
        if (value instanceof List<?> l) {
            for (Object x : l) {
                budget = weigh(x, budget - 1);
                if (budget < 0) {
                    return budget;
                }
            }
            return budget;
        }
        if (value instanceof java.math.BigDecimal d) {
            // Its digits and its exponent, not its plain form (1e999999999 is a billion digits so).
            return budget - d.precision() - 12;
        }
        return budget - (value == null ? 4 : String.valueOf(value).length());
    }
}
