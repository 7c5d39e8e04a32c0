package io.countersign.engine.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The canonical text that is hashed, signed and sealed says one thing only, in UTF-8 as in Java. */
class CanonicalTextTest {

    private static ObjectNode text(String value) {
        return Json.mapper().createObjectNode().put("b", value).put("a", 1);
    }

    private static byte[] utf8(JsonNode node) {
        return EventChain.canonical(node).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aLoneSurrogateIsNotAQuestionMark() {
        for (String lone : new String[] {"x\uD800y", "x\uDFFFy", "x\uDE00\uD83Dy", "end\uD800"}) {
            String mark = lone.replaceAll("[\\uD800-\\uDFFF]", "?");
            assertFalse(Arrays.equals(utf8(text(lone)), utf8(text(mark))), lone);
            // and the escaped text is the same value
            assertEquals(text(lone), read(EventChain.canonical(text(lone))));
        }
    }

    @Test
    void textWithoutLoneSurrogatesIsAsJacksonWritesIt() {
        for (String s : new String[] {"plain", "pair \uD83D\uDE00", "\u00E9\u202E\u0000\u2028", "back\\slash \"q\""}) {
            assertEquals("{\"a\":1,\"b\":" + Json.mapper().valueToTree(s) + "}", EventChain.canonical(text(s)));
        }
    }

    private static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
