package io.countersign.engine.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.json.Json;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What a forger with write access to the store does to cover an edit: rewrites a request's records and
 * then seals its events again, each hash recomputed over the changed content and linked to the one
 * before, and the request's head moved to the new last hash — so that the chain alone no longer
 * shows the edit. Works through {@link RawRecords}, so on every store alike.
 */
public final class Forger {

    private final RawRecords raw;

    public Forger(RawRecords raw) {
        this.raw = raw;
    }

    /**
     * Applies {@code change} to the JSON text of every stored decision and event of the request, then
     * {@link #rechain re-seals} the chain. Returns the sequence of the first event the change altered, or
     * 0 when it altered none.
     */
    public long rewrite(String id, UnaryOperator<String> change) {
        for (ObjectNode d : raw.decisions(id)) {
            String was = text(d);
            String now = change.apply(was);
            if (!now.equals(was)) {
                raw.writeDecision(id, tree(now));
            }
        }
        long first = 0;
        for (Map.Entry<Long, ObjectNode> e : raw.events(id).entrySet()) {
            String was = text(e.getValue());
            String now = change.apply(was);
            if (!now.equals(was)) {
                raw.writeEvent(id, e.getKey(), tree(now));
                if (first == 0) {
                    first = tree(now).path("sequence").asLong();
                }
            }
        }
        rechain(id);
        return first;
    }

    /**
     * Seals the request's stored events again in slot order (each {@code prevHash} the previous event's
     * new hash, each hash recomputed) and writes the last one's sequence and hash into the request's
     * document as its head, leaving the store's index values alone.
     */
    public void rechain(String id) {
        String prev = null;
        long last = 0;
        for (Map.Entry<Long, ObjectNode> slot : raw.events(id).entrySet()) {
            Event e = read(slot.getValue());
            Event sealed = EventChain.seal(new Event(e.id(), e.type(), e.time(), e.actor(), e.requestId(), e.sequence(),
                    e.data(), prev, null));
            raw.writeEvent(id, slot.getKey(), Json.mapper().valueToTree(sealed));
            prev = sealed.hash();
            last = sealed.sequence();
        }
        ObjectNode request = raw.request(id).orElseThrow(() -> new IllegalStateException("no request " + id));
        request.put("eventSequence", last);
        if (prev == null) {
            request.remove("eventHash");
        } else {
            request.put("eventHash", prev);
        }
        raw.writeRequest(id, request);
    }

    private static Event read(JsonNode json) {
        try {
            return Json.mapper().treeToValue(json, Event.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored event does not read as one: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode json) {
        try {
            return Json.mapper().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the forgery is not JSON: " + e.getMessage(), e);
        }
    }
}
