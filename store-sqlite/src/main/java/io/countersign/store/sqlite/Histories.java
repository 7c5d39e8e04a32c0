package io.countersign.store.sqlite;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventType;
import io.countersign.engine.store.History;
import io.countersign.engine.model.StoredRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Histories this store has read, each with the exact texts it was read from. The texts are read every
 * time, in one statement; only the parse is saved: the same texts give the same (read-only) history,
 * and an item whose text is the one read last time is the item parsed then. A gateway's access check
 * reads the same grant's history on every call; an item changed in any way, by the workflow or behind
 * the store's back, is parsed afresh and checked as such.
 */
final class Histories {

    private static final int MAX = 512;

    /** One history's texts as read: the request, its decisions by key, its events in sequence. */
    record Texts(String request, List<String> decisions, List<String> events) {
    }

    /** A history parsed, and its decisions in their texts' order (the history orders them as they were made). */
    private record Parsed(Texts texts, List<ApprovalDecision> decisions, History history) {
    }

    private final ParsedRequests requests;
    private final ConcurrentHashMap<String, Parsed> byId = new ConcurrentHashMap<>();

    Histories(ParsedRequests requests) {
        this.requests = requests;
    }

    History read(String id, Texts texts) {
        Parsed before = byId.get(id);
        if (before != null && before.texts().equals(texts)) {
            return before.history();
        }
        Parsed now = parse(id, texts, before);
        if (byId.size() >= MAX) {
            byId.clear(); // crude, and enough: the histories that matter are read again at once
        }
        byId.put(id, now);
        return now.history();
    }

    private Parsed parse(String id, Texts texts, Parsed before) {
        StoredRequest request = requests.read(id, texts.request());
        List<ApprovalDecision> decisions = new ArrayList<>();
        for (int i = 0; i < texts.decisions().size(); i++) {
            String text = texts.decisions().get(i);
            decisions.add(before != null && same(before.texts().decisions(), i, text) ? before.decisions().get(i)
                    : SqliteStore.read(text, ApprovalDecision.class));
        }
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < texts.events().size(); i++) {
            String text = texts.events().get(i);
            events.add(before != null && same(before.texts().events(), i, text) ? before.history().events().get(i)
                    : SqliteStore.read(text, Event.class));
        }
        // Decision keys sort by date, and dates do not order decisions made in the same instant or
        // under clocks a little apart; the decision.recorded event that announced each one does.
        Map<String, Long> recorded = new HashMap<>();
        for (Event ev : events) {
            JsonNode dn = ev.type() == EventType.DECISION_RECORDED && ev.data() != null ? ev.data().get("decision") : null;
            if (dn != null && dn.hasNonNull("decisionId")) {
                recorded.putIfAbsent(dn.get("decisionId").asText(), ev.sequence());
            }
        }
        List<ApprovalDecision> made = new ArrayList<>(decisions);
        made.sort(Comparator.comparingLong(x -> recorded.getOrDefault(x.decisionId(), Long.MAX_VALUE)));
        return new Parsed(texts, List.copyOf(decisions), new History(request, made, events));
    }

    /** Whether item {@code i} of the last read had this very text, so that its parse can be reused. */
    private static boolean same(List<String> was, int i, String text) {
        return i < was.size() && was.get(i).equals(text);
    }
}
