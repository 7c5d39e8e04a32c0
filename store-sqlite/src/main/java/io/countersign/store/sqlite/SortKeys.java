package io.countersign.store.sqlite;

import io.countersign.engine.model.StoredRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.regex.Pattern;

/** The strings the indexes sort by, and the opaque cursors made of them. */
final class SortKeys {

    /** Fixed width, so that the strings sort as the instants do (as the DynamoDB store writes them). */
    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern CREATED = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z#.+");
    /** Above every {@code created} key: the bound of a listing's first page. */
    static final String TOP = "~";

    private SortKeys() {
    }

    /**
     * {@link #SORTABLE}'s text, written digit by digit for the years 0 to 9999: a submission writes and
     * reads several keys, and the formatter was a measurable part of one (bench {@code WorkflowRatios}).
     */
    static String sortable(Instant t) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        if (d.getYear() < 0 || d.getYear() > 9999) {
            return SORTABLE.format(t);
        }
        StringBuilder b = new StringBuilder(30);
        digits(b, d.getYear(), 4).append('-');
        digits(b, d.getMonthValue(), 2).append('-');
        digits(b, d.getDayOfMonth(), 2).append('T');
        digits(b, d.getHour(), 2).append(':');
        digits(b, d.getMinute(), 2).append(':');
        digits(b, d.getSecond(), 2).append('.');
        return digits(b, t.getNano(), 9).append('Z').toString();
    }

    private static StringBuilder digits(StringBuilder b, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }

    /** A request's place in the listings: newest first, ties broken by id. */
    static String created(StoredRequest r) {
        return sortable(r.createdAt()) + "#" + r.id();
    }

    /** A request's place in a due index ({@link io.countersign.engine.store.Due}): null when it is not in it. */
    static String due(io.countersign.engine.store.Due which, StoredRequest r) {
        Instant at = which.of(r);
        return at == null ? null : sortable(at) + "#" + r.id();
    }

    /** The cursor after the request whose key is {@code created}. */
    static String cursor(String created) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(created.getBytes(StandardCharsets.UTF_8));
    }

    /** The key a cursor stands for; a cursor this store did not give out is a bad argument. */
    static String after(String cursor) {
        try {
            String created = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!CREATED.matcher(created).matches()) {
                throw new IllegalArgumentException("not a cursor");
            }
            return created;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cursor '" + cursor + "' is not one this store gave out", e);
        }
    }
}
