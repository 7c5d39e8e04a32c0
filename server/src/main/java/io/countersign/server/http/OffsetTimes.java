package io.countersign.server.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Instants of request bodies ({@code 2026-12-04T09:30:00Z}, {@code …:00.250+01:00}) read without
 * {@code DateTimeFormatter}: its general parser took about a third of reading a decision request. Only
 * the common shape is read here — four-digit year, seconds, an optional fraction, {@code Z} or
 * {@code ±HH:MM}; any other text, and any value out of range, goes to Jackson's own reader, so what is
 * accepted and every refusal's words are Jackson's. An instant is text: a number (which Jackson would
 * read as seconds since 1970, and {@code 1e300} as 1970 itself) is refused, here and by {@link #INSTANTS}.
 */
final class OffsetTimes extends StdDeserializer<OffsetDateTime> implements ContextualDeserializer {

    private static final long serialVersionUID = 1L;

    private final JsonDeserializer<OffsetDateTime> general = InstantDeserializer.OFFSET_DATE_TIME;

    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /**
     * Instants ({@code Instant}) by Jackson's reader, from text only, within the years 1 to 9999 as the
     * engine's are: beyond them a calendar's day cannot be computed, and the call would fail, not refuse.
     */
    static final JsonDeserializer<Instant> INSTANTS = new StdDeserializer<>(Instant.class) {
        private static final long serialVersionUID = 1L;

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            Instant t = InstantDeserializer.INSTANT.deserialize(p, ctxt);
            if (t != null && (t.isBefore(FIRST) || t.isAfter(LAST))) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getText(), "not within the years 1 to 9999");
            }
            return t;
        }
    };

    OffsetTimes() {
        super(OffsetDateTime.class);
    }

    /** A property with its own format gets Jackson's reader for it, whole. */
    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) throws JsonMappingException {
        JsonDeserializer<?> own = ((ContextualDeserializer) general).createContextual(ctxt, property);
        return own == general ? this : own;
    }

    @Override
    public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!p.hasToken(JsonToken.VALUE_STRING)) {
            return (OffsetDateTime) ctxt.handleUnexpectedToken(OffsetDateTime.class, p);
        }
        OffsetDateTime t = parse(p.getText());
        return t != null ? t : general.deserialize(p, ctxt);
    }

    /** The instant, or none when {@code s} is not in the common shape or not a valid time. */
    static OffsetDateTime parse(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (s.charAt(at) == '.') {
            int start = ++at;
            while (at < n && at - start < 9 && isDigit(s.charAt(at))) {
                nanos = nanos * 10 + (s.charAt(at) - '0');
                at++;
            }
            if (at == start || at < n && isDigit(s.charAt(at))) {
                return null;
            }
            for (int i = at - start; i < 9; i++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset;
        if (at == n - 1 && s.charAt(at) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (at == n - 6 && (s.charAt(at) == '+' || s.charAt(at) == '-') && s.charAt(at + 3) == ':') {
            int h = digits(s, at + 1, 2);
            int m = digits(s, at + 4, 2);
            if ((h | m) < 0) {
                return null;
            }
            int sign = s.charAt(at) == '-' ? -1 : 1;
            try {
                offset = ZoneOffset.ofHoursMinutes(sign * h, sign * m);
            } catch (DateTimeException e) {
                return null;
            }
        } else {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The number written by {@code count} digits from {@code from}, or -1. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
