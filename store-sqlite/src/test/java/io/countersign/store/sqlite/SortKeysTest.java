package io.countersign.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The keys written digit by digit are the formatter's text, so every key already stored still sorts with them. */
class SortKeysTest {

    private static final DateTimeFormatter FORMATTER =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void theSortableTextIsTheFormattersForEveryInstant() {
        for (Instant t : List.of(Instant.EPOCH, Instant.parse("2026-12-04T10:15:30Z"), Instant.parse("2026-12-04T10:15:30.5Z"),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59Z"))) {
            assertEquals(FORMATTER.format(t), SortKeys.sortable(t), t.toString());
        }
        SplittableRandom random = new SplittableRandom(20261204);
        long lo = Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond();
        long hi = Instant.parse("+10100-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 50_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(lo, hi), random.nextInt(1_000_000_000));
            assertEquals(FORMATTER.format(t), SortKeys.sortable(t), t.toString());
        }
    }
}
