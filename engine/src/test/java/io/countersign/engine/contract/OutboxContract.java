package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.event.Event;
import io.countersign.engine.store.OutboxEntry;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.workflow.Terms;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The outbox through the SPI: what a dispatcher reads and writes, without one. Undelivered events oldest
 * first, a request's in sequence; a delivery round's state kept until the next; a dead letter out of the
 * way until retried.
 */
public abstract class OutboxContract extends WorkflowContract {

    static List<String> outboxIds(List<OutboxEntry> entries) {
        return entries.stream().map(e -> e.event().id()).toList();
    }

    List<String> eventIds(String request) {
        return history(request).events().stream().map(Event::id).toList();
    }

    @Test
    void undeliveredEventsComeOldestFirstEachRequestsInSequence() {
        StoredRequest a = adminRequest();
        clock.advance(Duration.ofSeconds(1));
        StoredRequest b = adminRequest();
        clock.advance(Duration.ofSeconds(1));
        wf.approve(a.id(), "alice", Terms.because("ok"));      // a's second event, after b's first
        clock.advance(Duration.ofSeconds(1));
        wf.approve(a.id(), "bob", Terms.because("ok"));        // three more of a's, in one instant

        List<String> as = eventIds(a.id());
        List<String> expected = List.of(as.get(0), eventIds(b.id()).get(0), as.get(1), as.get(2), as.get(3), as.get(4));
        assertEquals(expected, outboxIds(store.outbox(100)));
        assertEquals(expected.subList(0, 3), outboxIds(store.outbox(3)), "the oldest, at most the limit");
        for (OutboxEntry e : store.outbox(100)) {
            assertEquals(Set.of(), e.deliveredTo());
            assertEquals(0, e.attempts());
            assertNull(e.nextAttempt());
            assertNull(e.lastError());
        }
        assertTrue(store.deadLetters(10).isEmpty());
    }

    @Test
    void aDeliveryRoundIsKeptUntilTheNextAndADeliveredEventLeaves() {
        StoredRequest a = adminRequest();
        OutboxEntry owed = store.outbox(10).get(0);
        Instant later = clock.instant().plusSeconds(90);
        store.delivery(new OutboxEntry(owed.event(), Set.of("webhook"), 1, later, "sns: 503"), false, false);
        OutboxEntry kept = store.outbox(10).get(0);
        assertEquals(owed.event(), kept.event());
        assertEquals(Set.of("webhook"), kept.deliveredTo());
        assertEquals(1, kept.attempts());
        assertEquals(later, kept.nextAttempt());
        assertEquals("sns: 503", kept.lastError());

        store.delivery(new OutboxEntry(owed.event(), Set.of("webhook", "sns"), 1, null, null), true, false);
        assertTrue(store.outbox(10).isEmpty(), "delivered to every notifier: gone from the outbox");
        assertTrue(store.deadLetters(10).isEmpty(), "and not a dead letter");
        assertEquals(1, history(a.id()).events().size(), "the event itself stays in the history");
    }

    @Test
    void aDeadLetterLeavesTheOutboxUntilRetried() {
        adminRequest();
        clock.advance(Duration.ofSeconds(1));
        StoredRequest b = adminRequest();
        OutboxEntry first = store.outbox(10).get(0);
        store.delivery(new OutboxEntry(first.event(), Set.of(), 8, clock.instant().plusSeconds(60), "410 Gone"), false,
                true);
        assertEquals(List.of(eventIds(b.id()).get(0)), outboxIds(store.outbox(10)));
        List<OutboxEntry> dead = store.deadLetters(10);
        assertEquals(List.of(first.event().id()), outboxIds(dead));
        assertEquals(8, dead.get(0).attempts());
        assertEquals("410 Gone", dead.get(0).lastError());

        assertTrue(store.retry(first.event().id()));
        assertTrue(store.deadLetters(10).isEmpty());
        OutboxEntry back = store.outbox(10).get(0);
        assertEquals(first.event().id(), back.event().id(), "back in its place: the oldest");
        assertEquals(0, back.attempts());
        assertNull(back.nextAttempt());
        assertFalse(store.retry(first.event().id()), "no longer a dead letter");
        assertFalse(store.retry("no-such-event"));
    }

    @Test
    void whoHasEachEventIsKeptAfterDeliveryForTheDecisionsNotificationsSent() {
        StoredRequest a = adminRequest();
        StoredRequest b = adminRequest();
        assertEquals(java.util.Map.of(), store.deliveredTo(a.id()), "no notifier has anything yet");
        OutboxEntry owed = store.outbox(10).stream().filter(e -> e.event().requestId().equals(a.id())).findFirst()
                .orElseThrow();
        store.delivery(new OutboxEntry(owed.event(), Set.of("webhook"), 1, clock.instant(), "sns: 503"), false, false);
        assertEquals(java.util.Map.of(1L, Set.of("webhook")), store.deliveredTo(a.id()), "partly delivered");
        store.delivery(new OutboxEntry(owed.event(), Set.of("webhook", "sns"), 1, null, null), true, false);
        assertEquals(java.util.Map.of(1L, Set.of("webhook", "sns")), store.deliveredTo(a.id()),
                "still known once the event left the outbox");
        assertEquals(java.util.Map.of(), store.deliveredTo(b.id()), "another request's events are its own");
        assertEquals(java.util.Map.of(), store.deliveredTo("no-such-request"));
    }
}
