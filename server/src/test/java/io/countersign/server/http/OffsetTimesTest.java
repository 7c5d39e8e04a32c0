package io.countersign.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.countersign.engine.json.Json;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The quick reader of instants reads what Jackson's reads, the same way, and leaves the rest to it. */
class OffsetTimesTest {

    private static final ObjectMapper QUICK = Bodies.BODIES;

    @Test
    void theBodiesMapperReadsInstantsWithTheQuickReader() throws Exception {
        var ctxt = ((com.fasterxml.jackson.databind.deser.DefaultDeserializationContext) QUICK.getDeserializationContext())
                .createDummyInstance(QUICK.getDeserializationConfig());
        assertInstanceOf(OffsetTimes.class, ctxt.findRootValueDeserializer(QUICK.constructType(OffsetDateTime.class)));
    }

    private static final List<String> SAMPLES = List.of("2026-12-04T09:30:00Z", "2026-12-04T09:30:00.250+01:00",
            "2026-12-04T09:30:00.123456789-05:30", "2026-12-04T09:30:00.1Z", "2024-02-29T23:59:59Z", "0000-01-01T00:00:00Z",
            "2026-12-04T09:30:00-00:00", "2026-12-04T09:30:00+18:00", "2026-12-04T09:30:00+18:01", "2026-12-04T09:30:00+19:00",
            "2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-12-04T24:00:00Z", "2026-12-04T09:60:00Z",
            "2026-12-04T09:30:60Z", "2026-12-04T09:30Z", "2026-12-04t09:30:00z", "2026-12-04T09:30:00.Z",
            "2026-12-04T09:30:00.1234567890Z", "2026-12-04T09:30:00+0100", "2026-12-04T09:30:00+01:00:30", " 2026-12-04T09:30:00Z",
            "2026-12-04T09:30:00Z ", "+12026-12-04T09:30:00Z", "2026-12-04 09:30:00Z", "2026-12-4T09:30:00Z", "", "x", "1700000000",
            "2026-12-04T09:30:00", "2026-12-04T09:30:00Zx", "2026-12-04T09:30:00+1:00", "２026-12-04T09:30:00Z");

    @Test
    void readsTheCommonShapeAsTheIsoParserDoesAndNothingElse() {
        for (String s : SAMPLES) {
            OffsetDateTime quick = OffsetTimes.parse(s);
            OffsetDateTime iso;
            try {
                iso = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            } catch (DateTimeParseException e) {
                iso = null;
            }
            if (quick != null) {
                assertEquals(iso, quick, s);
                assertEquals(iso.getOffset(), quick.getOffset(), s);
            } else if (iso != null) {
                // Left to Jackson: a shape the quick reader does not know (lower case, no seconds, …).
                assertNotNull(iso, s);
            }
        }
        assertNull(OffsetTimes.parse("2023-02-29T00:00:00Z"));
    }

    @Test
    void bodiesReadTheSameValuesAndTheSameRefusalsAsTheModelsMapper() throws Exception {
        List<String> all = new ArrayList<>(SAMPLES);
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            OffsetDateTime t = OffsetDateTime.of(random.nextInt(10000), 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000),
                    ZoneOffset.ofTotalSeconds((random.nextInt(36 * 4 + 1) - 72) * 900));
            all.add(t.toString());
        }
        for (String s : all) {
            String json = "{\"at\":" + Json.mapper().writeValueAsString(s) + "}";
            assertEquals(read(Json.mapper(), json), read(QUICK, json), s);
        }
    }

    record Holder(OffsetDateTime at) {
    }

    /** The value with its offset, or the refusal's words. */
    private static String read(ObjectMapper mapper, String json) {
        try {
            OffsetDateTime t = mapper.readValue(json, Holder.class).at();
            return t == null ? "null" : t + " " + t.getOffset();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Json.describe(e);
        }
    }
}
