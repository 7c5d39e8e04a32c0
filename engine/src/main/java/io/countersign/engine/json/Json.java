package io.countersign.engine.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * JSON and YAML as the model writes them: camelCase names, ISO-8601 instants, durations as
 * {@code PT1H} (read as {@code 1h} too), absent values left out, unknown fields refused, map keys in
 * order so the same value always gives the same bytes.
 */
public final class Json {

    private static final ObjectMapper JSON = configure(JsonMapper.builder());

    private Json() {
    }

    public static ObjectMapper mapper() {
        return JSON;
    }

    public static ObjectMapper yaml() {
        return Yaml.MAPPER;
    }

    /**
     * {@code value} as JSON text that any UTF-8 channel carries unchanged — a database's text column, a
     * file, a request body: a lone surrogate (which a JSON body can carry as an escape, and which
     * UTF-8 cannot encode, so that an encoder writes {@code ?} in its place) is written as its escape;
     * everything else as {@link #mapper()} writes it.
     */
    public static String portable(Object value) throws JsonProcessingException {
        return new String(Portable.WRITER.writeValueAsBytes(value), StandardCharsets.UTF_8);
    }

    /** Jackson's UTF-8 writer escapes what UTF-8 cannot carry; pairs are kept whole, as characters. */
    private static final class Portable {
        static final ObjectWriter WRITER = JSON.writer().with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);
    }

    /** Built on first use: most commands read no YAML, and those that do read it on another thread. */
    private static final class Yaml {
        static final ObjectMapper MAPPER = configure(YAMLMapper.builder());
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> M configure(B builder) {
        SimpleModule durations = new SimpleModule("countersign-durations");
        durations.addSerializer(Duration.class, new DurationJson.Writer());
        durations.addDeserializer(Duration.class, new DurationJson.Reader());
        return builder.addModule(new JavaTimeModule())
                .addModule(durations)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                // "5" is not a number and 1 is not a string: say so instead of guessing.
                .withCoercionConfigDefaults(c -> c.setAcceptBlankAsEmpty(false)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(String.class, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.TryConvert))
                // A whole number is an exact decimal: a confidence of 1 reads as 1.
                .withCoercionConfig(java.math.BigDecimal.class,
                        c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert))
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                        JsonInclude.Include.NON_NULL))
                .build();
    }

    /**
     * A Jackson failure in words for the person who wrote the input: which field, and what is wrong
     * with it, without class names or stack traces.
     */
    public static String describe(JsonProcessingException e) {
        String field = e instanceof JsonMappingException m ? path(m) : "";
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + (field.isEmpty() ? u.getPropertyName() : field) + "'";
        }
        if (e instanceof InvalidFormatException f) {
            return "field '" + field + "': cannot read " + quote(f.getValue()) + " as " + typeName(f.getTargetType());
        }
        if (e instanceof MismatchedInputException m && field.isEmpty() && m.getTargetType() != null) {
            String original = String.valueOf(m.getOriginalMessage());
            return original.startsWith("No content to map") ? "there is nothing in it"
                    : "expected " + typeName(m.getTargetType()) + " at the top";
        }
        if (e instanceof MismatchedInputException m && !field.isEmpty()) {
            Throwable cause = m.getCause();
            if (cause != null && cause.getMessage() != null) {
                return "field '" + field + "': " + cause.getMessage();
            }
            return "field '" + field + "': expected " + typeName(m.getTargetType());
        }
        if (e instanceof JsonMappingException m && m.getCause() != null && m.getCause().getMessage() != null
                && !field.isEmpty()) {
            return "field '" + field + "': " + m.getCause().getMessage();
        }
        if (e instanceof JsonMappingException) {
            // Jackson's own words here name its classes ("Cannot deserialize value of type `...`").
            return (field.isEmpty() ? "the value" : "field '" + field + "'") + " is not valid there";
        }
        // A syntax error: the parser's first line, without its character codes.
        String message = e.getOriginalMessage() == null ? "malformed input"
                : e.getOriginalMessage().lines().findFirst().orElse("malformed input").replaceAll(" \\(code \\d+\\)", "");
        return (field.isEmpty() ? "" : "field '" + field + "': ") + message
                + (e.getLocation() != null && e.getLocation().getLineNr() > 0
                        ? " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"
                        : "");
    }

    /**
     * A Jackson failure reading {@code source}, in one line: {@code source:LINE:COLUMN: what is wrong}.
     * YAML syntax errors say what the parser expected and where the construct it was reading began,
     * without the parser's multi-line dump of the text.
     */
    public static String describeAt(String source, JsonProcessingException e) {
        org.yaml.snakeyaml.error.MarkedYAMLException y = null;
        for (Throwable t = e.getCause(); t != null && y == null; t = t.getCause()) {
            y = t instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null ? m : null;
        }
        if (y != null) {
            String problem = yamlWords(y.getProblem());
            if (y.getContext() != null && y.getContextMark() != null) {
                problem += " (" + yamlWords(y.getContext()) + " at line " + (y.getContextMark().getLine() + 1)
                        + ", column " + (y.getContextMark().getColumn() + 1) + ")";
            }
            return source + ":" + (y.getProblemMark().getLine() + 1) + ":" + (y.getProblemMark().getColumn() + 1)
                    + ": not valid YAML: " + problem;
        }
        String message = describe(e).replaceAll(" \\(line \\d+, column \\d+\\)$", "");
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            return source + ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr() + ": " + message;
        }
        return source + ": " + message;
    }

    /** SnakeYAML's token names in words. */
    private static String yamlWords(String s) {
        if (s == null) {
            return "malformed YAML";
        }
        return s.strip().replaceAll("\\s+", " ").replace("'<", "<").replace(">'", ">")
                .replace("<scalar>", "a value")
                .replace("<block end>", "the end of the indented block")
                .replace("<block mapping start>", "an indented mapping")
                .replace("<block sequence start>", "an indented list")
                .replace("<block sequence end>", "the end of the list")
                .replace("while parsing a", "in the").replace("while scanning a", "in the");
    }

    private static String path(JsonMappingException m) {
        return m.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String quote(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type.isEnum()) {
            StringBuilder values = new StringBuilder();
            for (Object c : type.getEnumConstants()) {
                values.append(values.length() == 0 ? "" : ", ").append(c.toString());
            }
            return "one of " + values;
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 instant with offset, like 2026-03-02T10:00:00+01:00";
        }
        if (type == Duration.class) {
            return "a duration, like 1h30m or PT1H30M";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        return "an object";
    }
}
