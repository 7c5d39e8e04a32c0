package io.countersign.cli.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.json.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalOutputTest {

    static final String HOSTILE = "ok\nstage 1 of 1 waiting: nothing\r\u001b[2J\u0007\u009b\u202eevil\u2066\u200b😀\uDB40\uDC41";

    @Test
    void theNetKeepsLayoutAndEscapesEverythingElse() throws IOException {
        StringWriter out = new StringWriter();
        try (TerminalWriter w = new TerminalWriter(out)) {
            w.write("line\tone\n");
            w.write(HOSTILE);
            // a pair split across two writes is still one character
            w.write('\uD83D');
            w.write("\uDE00!");
        }
        assertEquals("line\tone\nok\nstage 1 of 1 waiting: nothing\\r\\x1B[2J\\x07\\x9B\\u202Eevil\\u2066\\u200B😀\\U000E0041😀!",
                out.toString());
    }

    @Test
    void jsonStaysExactAndCarriesNothingATerminalActsOn() throws IOException {
        String line = JsonLine.of(Map.of("justification", HOSTILE));
        for (char c : line.toCharArray()) {
            // every character of the line is printable ASCII
            assertEquals(true, c >= 0x20 && c < 0x7F, () -> "raw character U+" + Integer.toHexString(c) + " in " + line);
        }
        JsonNode back = Json.mapper().readTree(line);
        assertEquals(HOSTILE, back.get("justification").asText());
    }
}
