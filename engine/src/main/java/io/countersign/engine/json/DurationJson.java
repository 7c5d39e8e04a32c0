package io.countersign.engine.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.countersign.lang.parse.DurationText;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/** Durations in JSON: written {@code PT1H}, read as {@code PT1H} or as the policy language writes them ({@code 1h}). */
final class DurationJson {

    private DurationJson() {
    }

    /** Parses either form; null when it is neither. */
    static Duration parse(String text) {
        String t = text.trim();
        if (t.startsWith("P") || t.startsWith("p") || t.startsWith("-P")) {
            try {
                return Duration.parse(t);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        try {
            return DurationText.parse(t);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static final class Writer extends StdSerializer<Duration> {
        private static final long serialVersionUID = 1L;

        Writer() {
            super(Duration.class);
        }

        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toString());
        }
    }

    static final class Reader extends StdDeserializer<Duration> {
        private static final long serialVersionUID = 1L;

        Reader() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Duration) ctx.handleUnexpectedToken(Duration.class, p);
            }
            String text = p.getText();
            Duration d = parse(text);
            if (d == null) {
                return (Duration) ctx.handleWeirdStringValue(Duration.class, text,
                        "not a duration: write 1h30m or PT1H30M");
            }
            return d;
        }
    }
}
