package io.countersign.cli.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.countersign.engine.json.Json;
import io.countersign.lang.text.Escape;

/**
 * {@code --output json}: one value on one line, exactly the model's JSON, with every character that
 * {@link Escape} would escape for a terminal written as a JSON escape ({@code \u202e}) — the same value
 * for a program, nothing a terminal acts on for a person who prints it.
 */
public final class JsonLine {

    private static final ObjectWriter WRITER = Json.mapper().writer().with(new TerminalSafe());

    private JsonLine() {
    }

    /** The value as one line of JSON; the model's values always serialise, so a failure is a bug. */
    public static String of(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Jackson's standard escapes, and a {@code \\uXXXX} for controls, format characters and surrogates. */
    private static final class TerminalSafe extends CharacterEscapes {

        private static final long serialVersionUID = 1L;

        private static final int[] ASCII = CharacterEscapes.standardAsciiEscapesForJSON();

        static {
            ASCII[0x7F] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ASCII;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            // Surrogates arrive one half at a time: both halves are escaped, the pair stays one value.
            if (Escape.unsafe(ch) || Character.isSurrogate((char) ch)) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
