package io.countersign.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.countersign.engine.json.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Request bodies read strictly: JSON only, at most the configured size (counted as read, whatever the
 * client declared), unknown fields and wrong types refused with the field named.
 */
public final class Bodies {

    private final long maxBytes;
    /**
     * The model's mapper, its instants read by {@link OffsetTimes} and only from strings (Jackson reads a
     * number as seconds since 1970, and {@code 1e300} as 1970 itself), a key given twice refused (which of
     * the two a proxy or a log saw is anyone's guess).
     */
    static final ObjectMapper BODIES = bounded(Json.mapper().copy())
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("countersign-server-times")
                    .addDeserializer(java.time.OffsetDateTime.class, new OffsetTimes())
                    .addDeserializer(java.time.Instant.class, OffsetTimes.INSTANTS));
    /**
     * How deep a body may nest. What is stored is written again inside a record, its events and the
     * answers that show it, and Jackson writes at most 1,000 levels: a context accepted 996 deep was kept
     * and could never be shown (500 on every {@code GET /v1/requests/{id}}).
     */
    public static final int MAX_DEPTH = 100;

    private static ObjectMapper bounded(ObjectMapper m) {
        m.getFactory().setStreamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH).build());
        return m;
    }

    /** A reader per body type, bound once: a call does not look up the type's deserializer again. */
    private final ClassValue<ObjectReader> readers = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return BODIES.readerFor(type);
        }
    };

    public Bodies(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The body as {@code type}. */
    public <T> T read(Context ctx, Class<T> type) {
        byte[] bytes = bytes(ctx);
        try {
            T value = readers.get(type).readValue(bytes);
            if (value == null) {
                throw ProblemException.badRequest("MALFORMED_JSON", "the body is empty or null: a JSON object is expected");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw fromJackson(e);
        } catch (IOException e) {
            throw ProblemException.badRequest("MALFORMED_JSON", "the body could not be read");
        }
    }

    /** The body as a JSON tree (for the batch forms, whose items are read one by one). */
    public JsonNode tree(Context ctx) {
        byte[] bytes = bytes(ctx);
        try {
            JsonNode n = BODIES.readTree(bytes);
            if (n == null || n.isMissingNode() || n.isNull()) {
                throw ProblemException.badRequest("MALFORMED_JSON", "the body is empty or null: a JSON object is expected");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw fromJackson(e);
        } catch (IOException e) {
            throw ProblemException.badRequest("MALFORMED_JSON", "the body could not be read");
        }
    }

    /** A tree item as {@code type}, its position named in a refusal; read as bodies are. */
    public static <T> T convert(JsonNode node, Class<T> type, String where) {
        try {
            T value = BODIES.treeToValue(node, type);
            if (value == null) {
                throw ProblemException.badRequest("INVALID_FIELD", where + ": a JSON object is expected, not null");
            }
            return value;
        } catch (JsonProcessingException e) {
            ProblemException p = fromJackson(e);
            throw ProblemException.badRequest(p.problem().code(), where + ": " + p.problem().detail());
        }
    }

    private static ProblemException fromJackson(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.exc.StreamReadException p) {
                var at = p.getLocation();
                return ProblemException.badRequest("MALFORMED_JSON", "the body is not valid JSON: " + p.getOriginalMessage()
                        + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
            }
        }
        if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) {
            return ProblemException.badRequest("MALFORMED_JSON", "the body holds more than one JSON value");
        }
        String code = e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException ? "UNKNOWN_FIELD"
                : "INVALID_FIELD";
        // A limit's words name the Jackson method that sets it: the limit is what the client needs.
        return ProblemException.badRequest(code, Json.describe(e).replaceAll(", from `[^`]*`\\)", ")"));
    }

    /** The raw body, refused beyond the limit without reading more than the limit and one byte. */
    private byte[] bytes(Context ctx) {
        if (!json(ctx.contentType())) {
            throw new ProblemException(Problem.of(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type",
                    "the body must be application/json"));
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge();
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] buf = new byte[(int) Math.min(declared > 0 ? declared + 1 : 8192, maxBytes + 1)];
            int n = 0;
            while (true) {
                if (n == buf.length) {
                    if (n > maxBytes) {
                        throw tooLarge();
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, maxBytes + 1));
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            if (n > maxBytes) {
                throw tooLarge();
            }
            byte[] body = Arrays.copyOf(buf, n);
            if (blank(body)) {
                throw ProblemException.badRequest("MALFORMED_JSON", "the body is empty: a JSON object is expected");
            }
            return body;
        } catch (IOException e) {
            // Jetty's idle timeout ends a body that stops arriving: a slow client is told, if it still listens.
            throw new ProblemException(Problem.of(408, "REQUEST_TIMEOUT", "Request timeout",
                    "the body did not arrive in time"));
        }
    }

    /** Whether {@code type} is {@code application/json}, with parameters or none (not {@code application/jsonp}). */
    private static boolean json(String type) {
        if (type == null) {
            return false;
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().equalsIgnoreCase("application/json");
    }

    /** Whether the body holds only JSON's whitespace, checked on the bytes (anything else is Jackson's to refuse). */
    private static boolean blank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private ProblemException tooLarge() {
        return new ProblemException(Problem.of(413, "BODY_TOO_LARGE", "Body too large",
                "the body is larger than " + maxBytes + " bytes"));
    }
}
