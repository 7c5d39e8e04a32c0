package io.countersign.store.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.event.EventType;
import io.countersign.engine.json.Json;
import io.countersign.engine.seal.Sealer;
import io.countersign.engine.workflow.StoredRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Someone with write access to the table, editing a request's stored records directly, as JSON. Without
 * the service's seal key ({@link Sealer#NONE}) what they rewrite keeps its old seal, and what they add
 * has none; with it
 * (an insider holding the key) they re-seal everything they touch. Every edit re-chains what it must, so
 * that the hash chain alone can never tell. Kept to a few operations on raw records — read an item, edit
 * the request item alone, rewrite the whole record, append an event — so they port to any store.
 */
final class Forger {

    private final DynamoDbClient db;
    private final String table;
    private final Sealer sealer;

    /** @param sealer the service's key when the forger holds it, else {@link Sealer#NONE} */
    Forger(String table, Sealer sealer) {
        this.db = Fixture.db().client();
        this.table = table;
        this.sealer = sealer;
    }

    // ---- raw items ---------------------------------------------------------------------------------------

    ObjectNode data(String id, String sk) {
        Map<String, AttributeValue> item = db.getItem(b -> b.tableName(table).key(key(id, sk))).item();
        return (ObjectNode) tree(item.get("data").s());
    }

    void setData(String id, String sk, JsonNode data) {
        set(id, sk, "data", data.toString());
    }

    void set(String id, String sk, String attribute, String value) {
        db.updateItem(b -> b.tableName(table).key(key(id, sk)).updateExpression("SET #a = :v")
                .expressionAttributeNames(Map.of("#a", attribute))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value))));
    }

    /** The sort keys of a request's items starting with {@code prefix}, in order. */
    List<String> keys(String id, String prefix) {
        List<String> out = new ArrayList<>();
        db.query(b -> b.tableName(table).keyConditionExpression("pk = :p AND begins_with(sk, :s)")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("REQ#" + id), ":s",
                        AttributeValue.fromS(prefix)))).items().forEach(i -> out.add(i.get("sk").s()));
        return out;
    }

    // ---- edits -------------------------------------------------------------------------------------------

    /**
     * Changes the request item alone — its JSON and the attributes the indexes read (status, the grants
     * index's deadline) — and re-seals it when the forger holds the key.
     */
    void editRequestItem(String id, Consumer<ObjectNode> change) {
        ObjectNode r = data(id, "REQ");
        change.accept(r);
        writeRequest(id, r);
    }

    /**
     * Rewrites the whole record: {@code change} sees every event (its {@code data.request}, and its
     * {@code data.decision} when it has one) and may edit it; stored decisions are replaced by the ones
     * the events now announce, the chain is recomputed, the request item becomes the newest event's
     * request, and everything is re-sealed when the forger holds the key.
     */
    void rewrite(String id, Consumer<ObjectNode> change) {
        List<ObjectNode> events = new ArrayList<>();
        for (String sk : keys(id, "EVT#")) {
            ObjectNode e = data(id, sk);
            change.accept(e);
            events.add(e);
        }
        writeChain(id, events);
        for (String sk : keys(id, "DEC#")) {
            String decisionId = data(id, sk).get("decisionId").asText();
            for (ObjectNode e : events) {
                JsonNode d = e.path("data").get("decision");
                if (d != null && decisionId.equals(d.path("decisionId").asText())) {
                    setData(id, sk, seal(d, ApprovalDecision.class));
                    break;
                }
            }
        }
    }

    /** Appends an event the workflow never wrote: {@code request} edits a copy of the newest request. */
    void appendEvent(String id, EventType type, String actor, Instant at, Consumer<ObjectNode> request,
            JsonNode signing) {
        List<ObjectNode> events = new ArrayList<>();
        keys(id, "EVT#").forEach(sk -> events.add(data(id, sk)));
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
            set(id, String.format("EVT#%010d", sequence), "data", write(sealer.seal(chained)));
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
        StoredRequest sealed = sealer.seal(read(r, StoredRequest.class));
        set(id, "REQ", "data", write(sealed));
        set(id, "REQ", "status", sealed.status().toString());
        if (sealed.deadline() != null) {
            set(id, "REQ", "grantUntil", DynamoStore.sortable(sealed.deadline()) + "#" + id);
        }
    }

    private <T> JsonNode seal(JsonNode record, Class<T> type) {
        ObjectNode copy = (ObjectNode) record.deepCopy();
        copy.remove("seal");
        T value = read(copy, type);
        Object sealed = value instanceof ApprovalDecision d ? sealer.seal(d) : value;
        return Json.mapper().valueToTree(sealed);
    }

    private static <T> T read(JsonNode n, Class<T> type) {
        try {
            return Json.mapper().treeToValue(n, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, AttributeValue> key(String id, String sk) {
        return Map.of("pk", AttributeValue.fromS("REQ#" + id), "sk", AttributeValue.fromS(sk));
    }
}
