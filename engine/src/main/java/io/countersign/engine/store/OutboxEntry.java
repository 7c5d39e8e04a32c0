package io.countersign.engine.store;

import io.countersign.engine.event.Event;
import java.time.Instant;
import java.util.Set;

/**
 * An event still owed to some notifier, or given up on (a dead letter).
 *
 * @param deliveredTo the notifiers that have it
 * @param attempts failed attempts so far
 * @param nextAttempt not before this instant (backoff); null when due
 * @param lastError what the last failure said
 */
public record OutboxEntry(Event event, Set<String> deliveredTo, int attempts, Instant nextAttempt, String lastError) {
    public OutboxEntry {
        deliveredTo = Set.copyOf(deliveredTo);
    }
}
