package io.countersign.engine.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.json.Json;
import io.countersign.engine.model.StoredRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The request as an event records it, and how the stored request item differs from it: the item must
 * be the state its newest event records, but for its seal and the chain head it names.
 */
final class RecordedRequest {

    private RecordedRequest() {
    }

    /** The request an event records, with the chain head the event itself is. */
    static StoredRequest of(Event e) throws JsonProcessingException {
        ObjectNode tree = (ObjectNode) e.data().get("request").deepCopy();
        tree.put("eventSequence", e.sequence());
        tree.put("eventHash", e.hash());
        return Json.mapper().treeToValue(tree, StoredRequest.class);
    }

    /** The fields in which the request item differs from what the newest event records; null when none. */
    static String differs(StoredRequest item, Event last) {
        ObjectNode have = Json.mapper().valueToTree(item);
        have.remove("seal");
        have.remove("eventSequence");
        have.remove("eventHash");
        JsonNode want = last.data().get("request");
        List<String> fields = new ArrayList<>();
        have.fieldNames().forEachRemaining(fields::add);
        want.fieldNames().forEachRemaining(f -> {
            if (!fields.contains(f)) {
                fields.add(f);
            }
        });
        List<String> differ = new ArrayList<>();
        for (String f : fields) {
            JsonNode a = have.get(f);
            JsonNode b = want.get(f);
            if (a == null || b == null || !EventChain.canonical(a).equals(EventChain.canonical(b))) {
                differ.add(f);
            }
        }
        return differ.isEmpty() ? null : String.join(", ", differ);
    }
}
