package io.countersign.engine.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * The hash chain of a request's events. An event's hash is SHA-256 (hex) over its canonical JSON —
 * every field but {@code hash} and the store's {@code seal}, object keys sorted at every level, no
 * whitespace — which includes
 * {@code prevHash}: changing, removing or reordering a stored event breaks every link after it.
 */
public final class EventChain {

    private EventChain() {
    }

    /** The event with its hash filled in. */
    public static Event seal(Event e) {
        return new Event(e.id(), e.type(), e.time(), e.actor(), e.requestId(), e.sequence(), e.data(), e.prevHash(),
                hash(e));
    }

    /** The hash an event should carry. */
    public static String hash(Event e) {
        ObjectNode tree = Json.mapper().valueToTree(e);
        tree.remove("hash");
        tree.remove("seal");
        try {
            byte[] canonical = Json.mapper().writeValueAsBytes(sorted(tree));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e1) {
            throw new IllegalStateException(e1);
        }
    }

    /**
     * The canonical JSON text of a value: keys sorted, compact, a lone surrogate as its JSON escape
     * (backslash, u, four hex digits). What is signed and sealed is this text as UTF-8, which cannot
     * carry a lone surrogate: left as it is, it would encode as {@code ?}, and a text holding one would
     * sign and seal the same as the text with {@code ?} in its place.
     */
    public static String canonical(JsonNode node) {
        return escapeLoneSurrogates(sorted(node).toString());
    }

    private static String escapeLoneSurrogates(String json) {
        StringBuilder out = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < json.length()
                    && Character.isLowSurrogate(json.charAt(i + 1));
            if (pair) {
                if (out != null) {
                    out.append(c).append(json.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(json.length() + 16).append(json, 0, i);
                }
                out.append(String.format("\\u%04X", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? json : out.toString();
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (String n : names) {
                out.set(n, sorted(node.get(n)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                out.add(sorted(it.next()));
            }
            return out;
        }
        return node;
    }

    /**
     * Checks one request's events, in the order given: sequences 1, 2, 3…, each {@code prevHash} the
     * previous hash, each hash recomputed. Returns the first broken event, or null when intact.
     */
    public static Broken verify(List<Event> events) {
        String prev = null;
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            if (e.sequence() != i + 1) {
                return new Broken(e, "sequence " + e.sequence() + " where " + (i + 1) + " was expected");
            }
            if (!java.util.Objects.equals(prev, e.prevHash())) {
                return new Broken(e, "prevHash does not match the previous event's hash");
            }
            if (!hash(e).equals(e.hash())) {
                return new Broken(e, "hash does not match the event's content");
            }
            prev = e.hash();
        }
        return null;
    }

    /** The first event where a chain breaks, and how. */
    public record Broken(Event event, String reason) {
    }
}
