package io.countersign.engine.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.json.Json;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.store.StoredJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * A record the service seals verifies when it is read back from its stored JSON, whatever its free-form
 * parts hold: the request's context and attributes, a decision's metadata and confidence, an event's
 * data — numbers of every shape (whole, huge, with exponents and scales, floating), text of every kind,
 * nesting — and its instants, offsets and durations. The seal is taken over the stored JSON read back as
 * a record again, as a reader parses it and checks it: sealing over the stored text read as a tree
 * instead would be cheaper and is wrong — a decimal field written {@code 610} is read into a
 * {@code BigDecimal}, whose tree is {@code 6.1E+2}, where the text's own tree keeps {@code 610} (this
 * property fails on exactly that). Sealing and checking must give the same canonical bytes, or an
 * untouched record would read as tampered with.
 */
class SealerProperties {

    private static final Sealer SEALER = new Sealer(SealKeys.of("k1",
            Map.of("k1", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII))));
    private static final ObjectNode REQUEST = fixture("stored-request.json");
    private static final ObjectNode DECISION = fixture("decision.json");
    private static final ObjectNode EVENT = fixture("event.json");

    @Property(tries = 150)
    void aSealedRequestVerifiesReadBack(@ForAll("objects") Map<String, Object> context,
            @ForAll("objects") Map<String, Object> attributes, @ForAll("texts") String justification,
            @ForAll("instants") Instant created, @ForAll("offsets") OffsetDateTime startAt,
            @ForAll("durations") Duration duration) {
        ObjectNode tree = REQUEST.deepCopy();
        tree.set("context", Json.mapper().valueToTree(context));
        tree.set("attributes", Json.mapper().valueToTree(attributes));
        tree.put("justification", justification);
        tree.set("createdAt", Json.mapper().valueToTree(created));
        tree.set("startAt", Json.mapper().valueToTree(startAt));
        tree.set("duration", Json.mapper().valueToTree(duration));
        StoredRequest sealed = SEALER.seal(Json.mapper().convertValue(tree, StoredRequest.class));
        assertNull(SEALER.check(StoredJson.read(StoredJson.write(sealed), StoredRequest.class)));
        assertNotNull(SEALER.check(readEdited(sealed, StoredRequest.class, "justification", justification + "!")),
                "a changed request does not verify");
    }

    @Property(tries = 150)
    void aSealedDecisionVerifiesReadBack(@ForAll("objects") Map<String, Object> metadata,
            @ForAll("decimals") BigDecimal confidence, @ForAll("texts") String rationale,
            @ForAll("instants") Instant at) {
        ObjectNode tree = DECISION.deepCopy();
        tree.set("metadata", Json.mapper().valueToTree(metadata));
        tree.put("confidenceLevel", confidence);
        tree.put("rationale", rationale);
        tree.set("decisionDate", Json.mapper().valueToTree(at));
        ApprovalDecision sealed = SEALER.seal(Json.mapper().convertValue(tree, ApprovalDecision.class));
        assertNull(SEALER.check(StoredJson.read(StoredJson.write(sealed), ApprovalDecision.class)));
        assertNotNull(SEALER.check(readEdited(sealed, ApprovalDecision.class, "rationale", rationale + "!")),
                "a changed decision does not verify");
    }

    @Property(tries = 150)
    void aSealedEventVerifiesReadBack(@ForAll("objects") Map<String, Object> data, @ForAll("instants") Instant at) {
        ObjectNode tree = EVENT.deepCopy();
        JsonNode payload = Json.mapper().valueToTree(data);
        tree.set("data", payload);
        tree.set("time", Json.mapper().valueToTree(at));
        Event sealed = SEALER.seal(Json.mapper().convertValue(tree, Event.class));
        Event read = StoredJson.read(StoredJson.write(sealed), Event.class);
        assertNull(SEALER.check(read));
        assertEquals(sealed.seal(), read.seal());
        assertNotNull(SEALER.check(readEdited(sealed, Event.class, "actor", sealed.actor() + "!")),
                "a changed event does not verify");
    }

    /** {@code record} as stored, with one field's text changed, read back. */
    private static <T> T readEdited(T record, Class<T> type, String field, String text) {
        ObjectNode stored = (ObjectNode) read(StoredJson.write(record));
        stored.put(field, text);
        return StoredJson.read(stored.toString(), type);
    }

    @Provide
    Arbitrary<Map<String, Object>> objects() {
        return object(3);
    }

    private Arbitrary<Map<String, Object>> object(int depth) {
        Arbitrary<Object> value = depth == 0 ? scalars()
                : Arbitraries.frequencyOf(
                        Tuple.of(6, scalars()),
                        Tuple.of(1, Arbitraries.lazy(() -> object(depth - 1)).map(m -> (Object) m)),
                        Tuple.of(1, Arbitraries.lazy(() -> scalars().list().ofMaxSize(4)).map(l -> (Object) l)));
        return Arbitraries.maps(Arbitraries.strings().ofMinLength(1).ofMaxLength(8), value).ofMaxSize(5)
                .map(LinkedHashMap::new);
    }

    private Arbitrary<Object> scalars() {
        return Arbitraries.oneOf(
                texts().map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(25).negate(), BigInteger.TEN.pow(25))
                        .map(b -> (Object) b),
                decimals().map(d -> (Object) d),
                Arbitraries.doubles().between(-1e300, 1e300).map(d -> (Object) d),
                Arbitraries.of(1e-300, 1e21, 0.1, -0.0, 100.0, 5e-324).map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b));
    }

    @Provide
    Arbitrary<BigDecimal> decimals() {
        return Combinators.combine(Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(),
                BigInteger.TEN.pow(30)), Arbitraries.integers().between(-40, 40)).as(BigDecimal::new);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20),
                Arbitraries.strings().withCharRange('\u0000', '\uD7FF').ofMaxLength(12),
                Arbitraries.of("", "\u0000", "é", "\uD83D\uDE00", "\u202E", "line\nbreak", "\"quoted\"", "\\",
                        "lone \uD800", "\uDC00 lone", "\uDE00\uD83D reversed"));
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Combinators.combine(Arbitraries.longs().between(0, 4_102_444_800L),
                Arbitraries.of(0, 1, 100_000_000, 123_456_789, 999_999_999, 500_000)).as(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<OffsetDateTime> offsets() {
        return Combinators.combine(instants(), Arbitraries.integers().between(-18 * 3600, 18 * 3600)
                .filter(s -> s % 60 == 0)).as((i, s) -> OffsetDateTime.ofInstant(i, ZoneOffset.ofTotalSeconds(s)));
    }

    @Provide
    Arbitrary<Duration> durations() {
        return Combinators.combine(Arbitraries.longs().between(1, 400L * 24 * 3600), Arbitraries.of(0, 1, 500_000_000))
                .as(Duration::ofSeconds);
    }

    private static ObjectNode fixture(String name) {
        try (InputStream in = SealerProperties.class.getResourceAsStream(name)) {
            return (ObjectNode) read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
