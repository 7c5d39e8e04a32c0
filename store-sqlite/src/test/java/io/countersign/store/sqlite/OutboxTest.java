package io.countersign.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.store.OutboxEntry;
import io.countersign.engine.workflow.Workflow;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbox state of an event through its delivery rounds, as the dispatcher records them. */
class OutboxTest {

    private final SqliteStore store = SqliteStores.fresh();
    private final Workflow wf = Scenario.workflow(store);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aFailedRoundIsReadBackWithItsNextAttemptItsErrorAndWhoHasIt() {
        wf.submit(Scenario.ask("frank"));
        OutboxEntry due = store.outbox(10).get(0);
        Instant next = Instant.parse("2026-03-02T09:00:02.5Z");
        store.delivery(new OutboxEntry(due.event(), Set.of("sns"), 1, next, "webhook: refused"), false, false);
        OutboxEntry read = store.outbox(10).get(0);
        assertEquals(new OutboxEntry(due.event(), Set.of("sns"), 1, next, "webhook: refused"), read);

        // a later failure without a message keeps the last one; a success takes it out of the outbox
        store.delivery(new OutboxEntry(due.event(), Set.of("sns"), 2, next.plusSeconds(4), null), false, false);
        assertEquals("webhook: refused", store.outbox(10).get(0).lastError());
        store.delivery(new OutboxEntry(due.event(), Set.of("sns", "webhook"), 2, null, null), true, false);
        assertEquals(List.of(), store.outbox(10));
        assertEquals(List.of(), store.deadLetters(10));
    }

    @Test
    void aDeadLetterLeavesTheOutboxUntilRetried() {
        wf.submit(Scenario.ask("frank"));
        OutboxEntry due = store.outbox(10).get(0);
        store.delivery(new OutboxEntry(due.event(), Set.of(), 8, null, "webhook: answered 400"), false, true);
        assertEquals(List.of(), store.outbox(10));
        OutboxEntry dead = store.deadLetters(10).get(0);
        assertEquals(new OutboxEntry(due.event(), Set.of(), 8, null, "webhook: answered 400"), dead);
        assertFalse(store.retry("no-such-event"));
        assertTrue(store.retry(due.event().id()));
        assertFalse(store.retry(due.event().id()), "no longer a dead letter");
        assertEquals(new OutboxEntry(due.event(), Set.of(), 0, null, "webhook: answered 400"), store.outbox(10).get(0));
    }
}
