package io.countersign.engine.readout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventType;
import io.countersign.engine.json.Json;
import io.countersign.engine.store.History;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request's record as read: its history as stored (what the seals, the chain and the signatures
 * cover, and what {@code verify} checks) and its decisions with what came after them filled in.
 *
 * <ul>
 *   <li>{@code notificationsSent}: for every event that carries the decision ({@code decision.recorded},
 *       and what it did: {@code request.approved}, {@code stage.completed}, …), each notifier the
 *       dispatcher recorded it as delivered to — {@code [{"type":"webhook","event":"request.approved",
 *       "eventId":"…","sequence":5}]} in the order of the events, notifiers by name. {@code type} is the
 *       channel, as the seed's example names one; the receivers behind a webhook or a topic are not
 *       known to Countersign.
 *   <li>{@code auditNotes}: the {@code audit.noted} events about the decision, in sequence —
 *       {@code [{"author":"…","at":"…","text":"…","eventId":"…","signed":true}]}.
 * </ul>
 *
 * Both stay absent when there is nothing to say. Neither is stored with the decision: the stored
 * decision is sealed and announced by its event, and what happens to it later cannot be written into
 * it without breaking both. The notes are chained and signed in their own events; the delivery record
 * is the dispatcher's, unsealed (docs/threat-model.md).
 *
 * @param decisions the history's decisions, in the same order, with the two properties filled
 */
public record Readout(History history, List<ApprovalDecision> decisions) {

    public Readout {
        Objects.requireNonNull(history, "history");
        decisions = List.copyOf(decisions);
    }

    /**
     * The record as read.
     *
     * @param deliveredTo the store's delivery record of the request's events, by sequence ({@code Store.deliveredTo})
     */
    public static Readout of(History history, Map<Long, Set<String>> deliveredTo) {
        Map<String, List<Map<String, Object>>> sent = new LinkedHashMap<>();
        Map<String, List<Map<String, Object>>> notes = new LinkedHashMap<>();
        for (Event e : history.events()) {
            JsonNode data = e.data();
            if (data == null) {
                continue;
            }
            JsonNode d = data.get("decision");
            Set<String> to = deliveredTo.get(e.sequence());
            if (d != null && d.hasNonNull("decisionId") && to != null) {
                for (String notifier : new TreeSet<>(to)) {
                    Map<String, Object> n = new LinkedHashMap<>();
                    n.put("type", notifier);
                    n.put("event", e.type().toString());
                    n.put("eventId", e.id());
                    n.put("sequence", e.sequence());
                    sent.computeIfAbsent(d.get("decisionId").asText(), k -> new ArrayList<>()).add(n);
                }
            }
            JsonNode note = data.get("note");
            if (e.type() == EventType.AUDIT_NOTED && note != null && note.hasNonNull("decisionId")) {
                Map<String, Object> n = new LinkedHashMap<>();
                n.put("author", note.path("author").asText(e.actor()));
                n.put("at", e.time().toString());
                n.put("text", note.path("text").asText());
                n.put("eventId", e.id());
                n.put("signed", data.path("signing").path("signed").asBoolean(false));
                notes.computeIfAbsent(note.get("decisionId").asText(), k -> new ArrayList<>()).add(n);
            }
        }
        List<ApprovalDecision> out = new ArrayList<>();
        for (ApprovalDecision d : history.decisions()) {
            List<Map<String, Object>> s = sent.get(d.decisionId());
            List<Map<String, Object>> a = notes.get(d.decisionId());
            out.add(s == null && a == null ? d : d.toBuilder().notificationsSent(s == null ? null : json(s))
                    .auditNotes(a == null ? null : json(a)).build());
        }
        return new Readout(history, out);
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain JSON values", e);
        }
    }
}
