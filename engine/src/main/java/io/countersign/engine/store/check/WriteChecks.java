package io.countersign.engine.store.check;

import static io.countersign.engine.store.check.CheckRecords.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.store.Change;
import io.countersign.engine.json.Json;
import io.countersign.engine.store.History;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The checks of writes: creation, the conditional transition, and the history they leave. */
final class WriteChecks {

    private final Context c;
    private final CheckRecords records;

    WriteChecks(Context c) {
        this.c = c;
        this.records = c.records();
    }

    /** A created request reads back as written, with its event; an id never written reads as nothing. */
    String create() {
        String id = records.id("create", 1);
        Change made = records.pending(id, records.requester("create"), List.of(records.principal("create")));
        c.create(made);
        Optional<StoredRequest> got = c.store().get(id);
        if (got.isEmpty()) {
            return "request " + id + " was created but cannot be read back";
        }
        if (!json(got.get()).equals(json(made.request()))) {
            return "request " + id + " reads back other than it was written";
        }
        History h = c.store().history(id).orElse(null);
        if (h == null || h.events().size() != 1 || !json(h.events().get(0)).equals(json(made.events().get(0)))) {
            return "the history of request " + id + " does not hold the one event written with it";
        }
        if (c.store().get(records.id("create", 2)).isPresent() || c.store().history(records.id("create", 2)).isPresent()) {
            return "a request that was never written can be read";
        }
        return null;
    }

    /** Creating an id that exists is a conflict and changes nothing. */
    String duplicate() {
        String id = records.id("duplicate", 1);
        Change first = records.pending(id, records.requester("duplicate"), List.of(records.principal("duplicate")));
        c.create(first);
        Change second = records.pending(id, records.requester("duplicate"), List.of(records.principal("other")));
        if (!Context.conflicts(() -> c.store().create(second))) {
            return "creating request " + id + " a second time was not refused as a conflict";
        }
        if (!json(c.store().get(id).orElseThrow()).equals(json(first.request()))) {
            return "a refused second creation changed request " + id;
        }
        if (c.store().history(id).orElseThrow().events().size() != 1) {
            return "a refused second creation added events to request " + id;
        }
        return null;
    }

    /**
     * A transition applies when the stored request is still the one it was read as; a second transition
     * from the same (now stale) version, or from the right version with another status, is a conflict
     * and writes none of its events.
     */
    String transition() {
        String id = records.id("transition", 1);
        StoredRequest v1 = c.create(records.pending(id, records.requester("transition"),
                List.of(records.principal("transition"))));
        Change approve = records.approved(v1, records.fromNow(Duration.ofHours(2)));
        StoredRequest v2 = c.transition(v1, approve);
        if (!json(c.store().get(id).orElseThrow()).equals(json(v2))) {
            return "a transition of request " + id + " was not stored as written";
        }
        if (!Context.conflicts(() -> c.store().transition(v1, records.cancelled(v1)))) {
            return "a transition from a stale version of request " + id + " was applied: an update was lost";
        }
        ObjectNode pending = (ObjectNode) json(v2);
        pending.put("status", RequestStatus.PENDING.toString());
        StoredRequest otherStatus = Json.mapper().convertValue(pending, StoredRequest.class);
        if (!Context.conflicts(() -> c.store().transition(otherStatus, records.cancelled(otherStatus)))) {
            return "a transition conditional on the wrong status of request " + id + " was applied";
        }
        if (!json(c.store().get(id).orElseThrow()).equals(json(v2))) {
            return "a refused transition changed request " + id;
        }
        List<Event> events = c.store().history(id).orElseThrow().events();
        if (events.size() != 2) {
            return "request " + id + " has " + events.size() + " events after one creation and one transition: a refused"
                    + " transition wrote some of its own";
        }
        return null;
    }

    /**
     * Decisions come back in the order they were made, whatever their dates say (clocks differ a little
     * between machines); events in sequence, their chain intact.
     */
    String history() {
        String id = records.id("history", 1);
        StoredRequest r = c.create(records.pending(id, records.requester("history"), List.of(records.principal("history"))));
        Instant late = records.nextTime();
        List<String> made = List.of(records.id("history-decision", 1), records.id("history-decision", 2),
                records.id("history-decision", 3));
        Instant[] dates = {late.plusSeconds(60), late, late.plusSeconds(30)};
        for (int i = 0; i < made.size(); i++) {
            r = c.transition(r, records.decided(r, made.get(i), dates[i]));
        }
        History h = c.store().history(id).orElseThrow();
        List<String> decisions = h.decisions().stream().map(ApprovalDecision::decisionId).toList();
        if (!decisions.equals(made)) {
            return "decisions of request " + id + " came back as " + decisions + ", not in the order they were made " + made;
        }
        for (int i = 0; i < h.events().size(); i++) {
            if (h.events().get(i).sequence() != i + 1) {
                return "events of request " + id + " are not in sequence: event " + (i + 1) + " has sequence "
                        + h.events().get(i).sequence();
            }
        }
        if (h.events().size() != 4) {
            return "request " + id + " has " + h.events().size() + " events, 4 were written";
        }
        EventChain.Broken broken = EventChain.verify(h.events());
        return broken == null ? null : "the event chain of request " + id + " is broken: " + broken.reason();
    }
}
