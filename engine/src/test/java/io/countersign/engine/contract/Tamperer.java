package io.countersign.engine.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.event.EventType;
import io.countersign.engine.json.Json;
import io.countersign.engine.seal.Sealer;
import io.countersign.engine.model.StoredRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Someone with write access to the store editing a request's records directly, as JSON, through
 * {@link RawRecords}. Without the service's seal key ({@link Sealer#NONE}) what they rewrite keeps its
 * old seal and what they add has none; with it (an insider holding the key) they re-seal everything
 * they touch. Every edit re-chains what it must, so that the hash chain alone can never tell.
 */
public final class Tamperer {

    private final RawRecords raw;
    private final Sealer sealer;

    /** @param sealer the service's key when the tamperer holds it, else {@link Sealer#NONE} */
    public Tamperer(RawRecords raw, Sealer sealer) {
        this.raw = raw;
        this.sealer = sealer;
    }

    /** Changes the request record alone (and what the store derives from it for its indexes). */
    public void editRequest(String id, Consumer<ObjectNode> change) {
        ObjectNode r = raw.request(id).orElseThrow();
        change.accept(r);
        writeRequest(id, r);
    }

    /**
     * Rewrites the whole record: {@code change} sees every event and may edit it (its {@code
     * data.request}, its {@code data.decision}); stored decisions become the ones the events now
     * announce, the chain is recomputed, the request becomes the newest event's request.
     */
    public void rewrite(String id, Consumer<ObjectNode> change) {
        List<ObjectNode> events = new ArrayList<>();
        for (Map.Entry<Long, ObjectNode> e : raw.events(id).entrySet()) {
            change.accept(e.getValue());
            events.add(e.getValue());
        }
        writeChain(id, events);
        for (ObjectNode stored : raw.decisions(id)) {
            for (ObjectNode e : events) {
                JsonNode d = e.path("data").get("decision");
                if (d != null && d.path("decisionId").asText().equals(stored.path("decisionId").asText())) {
                    raw.writeDecision(id, seal(d));
                    break;
                }
            }
        }
    }

    /** Appends an event the workflow never wrote: {@code request} edits a copy of the newest request. */
    public void appendEvent(String id, EventType type, String actor, Instant at, Consumer<ObjectNode> request,
            JsonNode signing) {
        List<ObjectNode> events = new ArrayList<>(raw.events(id).values());
        ObjectNode last = events.get(events.size() - 1);
        ObjectNode next = Json.mapper().createObjectNode();
        next.put("id", UUID.randomUUID().toString());
        next.put("type", type.toString());
        next.put("time", at.toString());
        next.put("actor", actor);
        next.put("requestId", id);
        next.put("sequence", last.get("sequence").asLong() + 1);
        ObjectNode data = next.putObject("data");
        ObjectNode r = (ObjectNode) last.path("data").get("request").deepCopy();
        r.put("version", r.get("version").asLong() + 1);
        request.accept(r);
        data.set("request", r);
        if (signing != null) {
            data.set("signing", signing);
        }
        events.add(next);
        writeChain(id, events);
    }

    private void writeChain(String id, List<ObjectNode> events) {
        String prev = null;
        ObjectNode request = null;
        long sequence = 0;
        for (ObjectNode e : events) {
            if (sealer.sealing()) {
                e.remove("seal");
            }
            e.remove("hash");
            if (prev == null) {
                e.remove("prevHash");
            } else {
                e.put("prevHash", prev);
            }
            Event read = read(e, Event.class);
            Event chained = EventChain.seal(read).withSeal(read.seal());
            sequence = chained.sequence();
            raw.writeEvent(id, sequence, Json.mapper().valueToTree(sealer.seal(chained)));
            prev = chained.hash();
            request = (ObjectNode) e.path("data").get("request").deepCopy();
        }
        request.put("eventSequence", sequence);
        request.put("eventHash", prev);
        writeRequest(id, request);
    }

    private void writeRequest(String id, ObjectNode r) {
        if (sealer.sealing()) {
            r.remove("seal");
        }
        raw.writeRequestIndexed(id, Json.mapper().valueToTree(sealer.seal(read(r, StoredRequest.class))));
    }

    private JsonNode seal(JsonNode decision) {
        ObjectNode copy = (ObjectNode) decision.deepCopy();
        copy.remove("seal");
        return Json.mapper().valueToTree(sealer.seal(read(copy, ApprovalDecision.class)));
    }

    private static <T> T read(JsonNode n, Class<T> type) {
        try {
            return Json.mapper().treeToValue(n, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
