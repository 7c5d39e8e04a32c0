package io.countersign.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.json.Json;
import io.countersign.engine.store.History;
import io.countersign.engine.store.Listing;
import io.countersign.engine.store.Page;
import io.countersign.engine.store.Store;
import io.countersign.engine.workflow.RequestStatus;
import io.countersign.engine.workflow.StoredRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import io.countersign.engine.signing.PublicKeys;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Checks and reads the trail. A request's record is intact when its events chain (sequence 1, 2, 3…,
 * each {@code prevHash} the previous hash, each hash recomputed), the last event is the head the request
 * itself names (so dropping the newest event shows), every stored decision is the one an event
 * announced (so editing a decision shows), and — given the public keys — every person's decision
 * carries a signature that verifies over what the decision says (so rewriting the whole chain around an
 * altered decision shows too), or is unsigned where the request's policy accepted that.
 */
public final class AuditTrail {

    private final Store store;
    private final PublicKeys keys;

    /** Checks the chains and the decisions against their announcements, not signatures. */
    public AuditTrail(Store store) {
        this.store = Objects.requireNonNull(store);
        this.keys = null;
    }

    /** Checks the chains, the decisions, and every person's signature against {@code keys}. */
    public AuditTrail(Store store, PublicKeys keys) {
        this.store = Objects.requireNonNull(store);
        this.keys = Objects.requireNonNull(keys);
    }

    /** Where a request's record is broken: the event (when there is one) and what is wrong. */
    public record Finding(String requestId, Long sequence, String eventId, String problem) {
    }

    /** Verifies one request; empty when intact. */
    public List<Finding> verify(String id) {
        History h = store.history(id).orElse(null);
        if (h == null) {
            return List.of(new Finding(id, null, null, "no such request"));
        }
        return verify(h, keys);
    }

    /** Verifies every request; the findings of each broken one. */
    public List<Finding> verifyAll() {
        List<Finding> out = new ArrayList<>();
        forEachRequest(r -> out.addAll(verify(r.id())));
        return out;
    }

    /**
     * Verifies every request, one at a time, handing each id with its findings (empty when intact) to
     * {@code each}: for a caller that reports as it goes and counts what it checked.
     */
    public void verifyEach(BiConsumer<String, List<Finding>> each) {
        forEachRequest(r -> each.accept(r.id(), verify(r.id())));
    }

    /** Verifies one request's history; signatures too when {@code keys} is not null. */
    static List<Finding> verify(History h, PublicKeys keys) {
        List<Finding> out = new ArrayList<>();
        String id = h.request().id();
        List<Event> events = h.events();
        EventChain.Broken broken = EventChain.verify(events);
        if (broken != null) {
            out.add(new Finding(id, broken.event().sequence(), broken.event().id(), broken.reason()));
            return out;
        }
        StoredRequest r = h.request();
        Event last = events.isEmpty() ? null : events.get(events.size() - 1);
        long lastSequence = last == null ? 0 : last.sequence();
        if (lastSequence != r.eventSequence() || !Objects.equals(last == null ? null : last.hash(), r.eventHash())) {
            out.add(new Finding(id, r.eventSequence(), null, "the request names event " + r.eventSequence()
                    + " as its latest, but the stored events end at " + lastSequence + ": events are missing"));
            return out;
        }
        Map<String, Event> announced = new HashMap<>();
        for (Event e : events) {
            JsonNode d = e.data() == null ? null : e.data().get("decision");
            if (d != null && d.hasNonNull("decisionId")) {
                announced.putIfAbsent(d.get("decisionId").asText(), e);
            }
        }
        for (ApprovalDecision d : h.decisions()) {
            JsonNode stored = Json.mapper().valueToTree(d);
            Event said = announced.get(d.decisionId());
            if (said == null) {
                out.add(new Finding(id, null, null, "decision " + d.decisionId() + " was never announced by an event"));
            } else if (!said.data().get("decision").equals(stored)) {
                out.add(new Finding(id, said.sequence(), said.id(), "decision " + d.decisionId() + " differs from the"
                        + " one this event announced"));
            }
        }
        if (announced.size() != h.decisions().size()) {
            out.add(new Finding(id, null, null, "events announced " + announced.size() + " decisions but "
                    + h.decisions().size() + " are stored"));
        }
        if (keys != null) {
            Set<String> seen = new HashSet<>();
            for (Event e : events) {
                JsonNode d = e.data() == null ? null : e.data().get("decision");
                if (d == null || !d.hasNonNull("decisionId") || !seen.add(d.get("decisionId").asText())) {
                    continue;
                }
                String problem = Seal.check(d, e.data().get("request"), keys);
                if (problem != null) {
                    out.add(new Finding(id, e.sequence(), e.id(), problem));
                }
            }
        }
        return out;
    }

    /**
     * Every event since {@code since} (all when null), oldest first within each request, requests by creation.
     * Streams: it holds one request's history at a time (and a small entry per request to order them), so
     * a large store is logged in bounded memory; a request's events stay together, in chain order.
     */
    public void log(Instant since, Consumer<Event> sink) {
        List<Logged> all = new ArrayList<>();
        forEachRequest(r -> {
            // A request untouched since then has no event since then.
            if (since == null || !r.updatedAt().isBefore(since)) {
                all.add(new Logged(r.createdAt(), r.id()));
            }
        });
        all.sort(Comparator.comparing(Logged::createdAt).thenComparing(Logged::id));
        for (Logged r : all) {
            store.history(r.id()).ifPresent(h -> h.events().stream()
                    .filter(e -> since == null || !e.time().isBefore(since)).forEach(sink));
        }
    }

    /** What {@link #log} keeps of a request until its turn. */
    private record Logged(Instant createdAt, String id) {
    }

    private void forEachRequest(Consumer<StoredRequest> each) {
        for (RequestStatus s : RequestStatus.values()) {
            String cursor = null;
            do {
                Page<StoredRequest> page = store.list(new Listing.ByStatus(s), cursor, 500);
                page.items().forEach(each);
                cursor = page.next();
            } while (cursor != null);
        }
    }
}
