package io.countersign.engine.store;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.json.Json;
import io.countersign.engine.model.StoredRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** A request, its decisions in the order they were made, and its events in sequence. */
@JsonPropertyOrder({"request", "decisions", "events"})
public record History(StoredRequest request, List<ApprovalDecision> decisions, List<Event> events) {
    private static final String SEAL = "seal";

    public History {
        decisions = List.copyOf(decisions);
        events = List.copyOf(events);
    }

    /**
     * Whether {@code other} records the same: the request and the events (in sequence) equal as JSON,
     * and the same decisions equal as JSON, compared by id — a store orders decisions by the events that
     * announced them, so their order is not part of what was stored. What {@link Store#restore} calls
     * the same history. Seals are left out: each store seals what it keeps with its own key (an import
     * seals again), and a seal is checked where it is read, not compared across stores.
     */
    public boolean sameAs(History other) {
        return json(request).equals(json(other.request))
                && json(events).equals(json(other.events))
                && json(byId(decisions)).equals(json(byId(other.decisions)));
    }

    private static List<ApprovalDecision> byId(List<ApprovalDecision> decisions) {
        return decisions.stream().sorted(Comparator.comparing(d -> Objects.toString(d.decisionId(), ""))).toList();
    }

    private static JsonNode json(Object value) {
        JsonNode tree = Json.mapper().valueToTree(value);
        if (tree instanceof ObjectNode o) {
            o.remove(SEAL);
        } else if (tree instanceof ArrayNode a) {
            a.forEach(e -> {
                if (e instanceof ObjectNode o) {
                    o.remove(SEAL);
                }
            });
        }
        return tree;
    }
}
