package io.countersign.store.sqlite;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventType;
import io.countersign.engine.store.History;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.store.StoredJson;
import java.util.ArrayList;
import java.util.Arrays;
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

    /**
     * One history's texts as read, as their UTF-8 bytes (compared as they are, never decoded unless they
     * changed): the request, its decisions by key, its events in sequence.
     */
    record Texts(byte[] request, List<byte[]> decisions, List<byte[]> events) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Texts t && Arrays.equals(request, t.request) && same(decisions, t.decisions)
                    && same(events, t.events);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(request);
        }

        @Override
        public String toString() {
            return "Texts[" + decisions.size() + " decisions, " + events.size() + " events]";
        }

        private static boolean same(List<byte[]> a, List<byte[]> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!Arrays.equals(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
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
            byte[] text = texts.decisions().get(i);
            decisions.add(before != null && same(before.texts().decisions(), i, text) ? before.decisions().get(i)
                    : StoredJson.read(text, ApprovalDecision.class));
        }
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < texts.events().size(); i++) {
            byte[] text = texts.events().get(i);
            events.add(before != null && same(before.texts().events(), i, text) ? before.history().events().get(i)
                    : StoredJson.read(text, Event.class));
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
    private static boolean same(List<byte[]> was, int i, byte[] text) {
        return i < was.size() && Arrays.equals(was.get(i), text);
    }
}
