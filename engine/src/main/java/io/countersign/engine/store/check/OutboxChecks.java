package io.countersign.engine.store.check;

import io.countersign.engine.event.Event;
import io.countersign.engine.store.Listing;
import io.countersign.engine.store.OutboxEntry;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The checks of the outbox and the dead letters, and the clean-up that ends every run. */
final class OutboxChecks {

    private final Context c;
    private final CheckRecords records;

    OutboxChecks(Context c) {
        this.c = c;
        this.records = c.records();
    }

    /**
     * Undelivered events come oldest first, a request's in sequence; a delivery round is recorded (who has
     * the event, attempts, when to try again, the error), and a delivered event leaves the outbox.
     */
    String outbox() {
        String requester = records.requester("outbox");
        List<String> approver = List.of(records.principal("outbox"));
        StoredRequest first = c.create(records.pending(records.id("outbox", 1), requester, approver));
        StoredRequest second = c.create(records.pending(records.id("outbox", 2), requester, approver));
        first = c.transition(first, records.approved(first, records.fromNow(Duration.ofHours(1))));
        List<String> ours = List.of(first.id(), second.id());
        List<Event> written = new ArrayList<>();
        written.addAll(c.store().history(first.id()).orElseThrow().events());
        written.addAll(c.store().history(second.id()).orElseThrow().events());
        written.sort(Comparator.comparing(Event::time));
        List<String> expected = Context.eventIdsOf(written);
        String problem = c.eventually().apply(() -> {
            List<String> got = Context.eventIds(c.entries(false, ours));
            return got.equals(expected) ? null : "the outbox gave these events " + got + ", expected oldest first " + expected;
        });
        if (problem != null) {
            return problem;
        }
        OutboxEntry oldest = c.entries(false, ours).get(0);
        Instant retryAt = records.nextTime();
        c.store().delivery(new OutboxEntry(oldest.event(), Set.of("store-check"), 1, retryAt, "store check: refused"),
                false, false);
        problem = c.eventually().apply(() -> {
            Optional<OutboxEntry> now = c.entries(false, ours).stream()
                    .filter(e -> e.event().id().equals(oldest.event().id())).findFirst();
            if (now.isEmpty()) {
                return "an event still owed to a notifier left the outbox";
            }
            OutboxEntry e = now.get();
            boolean recorded = e.deliveredTo().equals(Set.of("store-check")) && e.attempts() == 1
                    && retryAt.equals(e.nextAttempt()) && "store check: refused".equals(e.lastError());
            return recorded ? null : "a delivery round was not recorded as given: " + e.deliveredTo() + ", attempts "
                    + e.attempts() + ", next " + e.nextAttempt() + ", error " + e.lastError();
        });
        if (problem != null) {
            return problem;
        }
        for (OutboxEntry e : c.entries(false, ours)) {
            c.store().delivery(e, true, false);
        }
        return c.eventually().apply(() -> c.entries(false, ours).isEmpty() ? null
                : "delivered events are still in the outbox: " + Context.eventIds(c.entries(false, ours)));
    }

    /** An event given up on is a dead letter, not in the outbox; a retry puts it back with its attempts reset. */
    String deadLetters() {
        StoredRequest r = c.create(records.pending(records.id("dead", 1), records.requester("dead"),
                List.of(records.principal("dead"))));
        List<String> ours = List.of(r.id());
        Event event = c.store().history(r.id()).orElseThrow().events().get(0);
        String problem = c.eventually().apply(() -> c.entries(false, ours).size() == 1 ? null
                : "the event of a new request is not in the outbox");
        if (problem != null) {
            return problem;
        }
        c.store().delivery(new OutboxEntry(event, Set.of(), 5, null, "store check: gave up"), false, true);
        problem = c.eventually().apply(() -> ReadChecks.first(
                Context.eventIds(c.entries(true, ours)).equals(List.of(event.id())) ? null
                        : "an event given up on is not among the dead letters",
                c.entries(false, ours).isEmpty() ? null : "an event given up on is still in the outbox"));
        if (problem != null) {
            return problem;
        }
        if (c.store().retry(records.id("no-such-event", 1))) {
            return "a retry of an event that is no dead letter said it put one back";
        }
        if (!c.store().retry(event.id())) {
            return "a retry of dead letter " + event.id() + " did not find it";
        }
        problem = c.eventually().apply(() -> {
            List<OutboxEntry> back = c.entries(false, ours);
            return ReadChecks.first(back.size() == 1 && back.get(0).attempts() == 0 ? null
                            : "a retried dead letter is not back in the outbox with its attempts reset: " + back,
                    c.entries(true, ours).isEmpty() ? null : "a retried dead letter is still among the dead letters");
        });
        if (problem != null) {
            return problem;
        }
        c.store().delivery(c.entries(false, ours).get(0), true, false);
        return null;
    }

    /**
     * Cancels every request of the run still open and delivers every event of it still owed, then checks
     * that none is pending, approved, in an inbox's or the access check's reach, or in the outbox.
     */
    String cleanUp() {
        List<String> ours = records.made();
        for (String id : ours) {
            StoredRequest r = c.store().get(id).orElse(null);
            if (r != null && (r.status() == RequestStatus.PENDING || r.status() == RequestStatus.APPROVED)) {
                c.transition(r, records.cancelled(r));
            }
        }
        String problem = c.eventually().apply(() -> {
            for (OutboxEntry e : c.entries(true, ours)) {
                c.store().retry(e.event().id());
            }
            for (OutboxEntry e : c.entries(false, ours)) {
                c.store().delivery(e, true, false);
            }
            return c.entries(false, ours).isEmpty() && c.entries(true, ours).isEmpty() ? null
                    : "events of the check are still in the outbox or among the dead letters";
        });
        if (problem != null) {
            return problem;
        }
        for (String id : ours) {
            StoredRequest r = c.store().get(id).orElse(null);
            if (r != null && r.status() != RequestStatus.CANCELLED) {
                return "request " + id + " is " + r.status() + " after the clean-up";
            }
        }
        return c.eventually().apply(() -> {
            for (RequestStatus open : List.of(RequestStatus.PENDING, RequestStatus.APPROVED)) {
                Context.Paged p = c.all(new Listing.ByStatus(open), Context.PAGE);
                if (!p.only(ours).isEmpty()) {
                    return "requests of the check are still " + open + ": " + p.only(ours);
                }
            }
            return null;
        });
    }
}
