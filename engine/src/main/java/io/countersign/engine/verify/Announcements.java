package io.countersign.engine.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.json.Json;
import io.countersign.engine.store.History;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every stored decision must be one an event announced, as announced, and no announced decision may be
 * missing: the decisions the events announce (first announcement wins) are what the later checks
 * judge, not the stored ones.
 */
final class Announcements {

    private Announcements() {
    }

    /**
     * Collects the decisions the events announce into {@code announced} (by decision id, in the order
     * announced) and the announcing events into {@code by}, and adds what is wrong with the stored ones.
     */
    static void check(History h, Map<String, JsonNode> announced, Map<String, Event> by, List<Finding> out) {
        String id = h.request().id();
        for (Event e : h.events()) {
            JsonNode d = e.data() == null ? null : e.data().get("decision");
            if (d != null && d.hasNonNull("decisionId") && !announced.containsKey(d.get("decisionId").asText())) {
                announced.put(d.get("decisionId").asText(), d);
                by.put(d.get("decisionId").asText(), e);
            }
        }
        Set<String> stored = new HashSet<>();
        for (ApprovalDecision d : h.decisions()) {
            ObjectNode tree = Json.mapper().valueToTree(d);
            tree.remove("seal");
            Event said = by.get(d.decisionId());
            if (!stored.add(d.decisionId())) {
                // A copy of a sealed decision put in another's place matches its announcement and keeps the
                // count of stored decisions: the one it replaced is gone all the same.
                out.add(Finding.of("decision " + d.decisionId() + " is stored more than once"));
            } else if (said == null) {
                out.add(Finding.of("decision " + d.decisionId() + " was never announced by an event"));
            } else if (!EventChain.canonical(said.data().get("decision")).equals(EventChain.canonical(tree))) {
                out.add(new Finding(said.sequence(), said.id(), "decision " + d.decisionId() + " differs from the"
                        + " one this event announced"));
            }
        }
        if (announced.size() != h.decisions().size()) {
            out.add(Finding.of("events of request " + id + " announced " + announced.size() + " decisions but "
                    + h.decisions().size() + " are stored"));
        }
    }
}
