package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.event.Event;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.store.OutboxEntry;
import io.countersign.engine.model.StoredRequest;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A dead letter can be retried however many older ones are still dead. */
public abstract class DeadLettersContract extends WorkflowContract {

    @Test
    void theNewestOfMoreThanAThousandDeadLettersCanBeRetried() {
        // More dead letters than one page of the outbox index holds (1,000): retry once looked only there.
        StoredRequest last = null;
        for (int i = 0; i < 1_010; i++) {
            last = wf.submit(new AccessRequest(null, "frank", null, null, "prod-admin", List.of(), Duration.ofHours(1),
                    null, "change " + i, "CHG-" + i, Map.of(), null));
            clock.advance(Duration.ofSeconds(1));
        }
        int dead = 0;
        for (List<OutboxEntry> batch = store.outbox(500); !batch.isEmpty(); batch = store.outbox(500)) {
            for (OutboxEntry e : batch) {
                store.delivery(new OutboxEntry(e.event(), e.deliveredTo(), 1, null, "410 gone"), false, true);
                dead++;
            }
        }
        assertTrue(dead > 1_000, "dead letters: " + dead);
        List<OutboxEntry> oldest = store.deadLetters(1_000);
        assertEquals(1_000, oldest.size());
        Set<String> inFirstPage = new HashSet<>();
        oldest.forEach(e -> inFirstPage.add(e.event().id()));
        List<Event> events = store.history(last.id()).orElseThrow().events();
        Event newest = events.get(events.size() - 1);
        assertFalse(inFirstPage.contains(newest.id()), "the newest is beyond the oldest thousand");

        assertTrue(store.retry(newest.id()));
        List<OutboxEntry> back = store.outbox(10);
        assertEquals(1, back.size());
        assertEquals(newest.id(), back.get(0).event().id());
        assertEquals(0, back.get(0).attempts());
        assertFalse(store.retry(newest.id()), "no longer a dead letter");
        assertFalse(store.retry("no-such-event"));
    }
}
