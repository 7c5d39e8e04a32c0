package io.countersign.engine.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A request's whole record as one store holds it, to be moved to another ({@code store export} and
 * {@code store import}): its history, and the delivery state of those of its events that are still
 * owed to a notifier or were given up on. An event with no delivery here has been delivered.
 *
 * @param deliveries in the order of the events they belong to; at most one per event
 */
public record Archive(History history, List<Delivery> deliveries) {

    public Archive {
        deliveries = List.copyOf(deliveries);
    }

    /** The request's id. */
    public String id() {
        return history.request().id();
    }

    /**
     * Where one event stands in the outbox: as {@link OutboxEntry} says for an event still owed, and
     * {@code dead} for one given up on (a dead letter).
     *
     * @param eventId the event's {@code id}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"eventId", "deliveredTo", "attempts", "nextAttempt", "lastError", "dead"})
    public record Delivery(String eventId, Set<String> deliveredTo, int attempts, Instant nextAttempt, String lastError,
            boolean dead) {
        public Delivery {
            deliveredTo = deliveredTo == null ? Set.of() : Set.copyOf(deliveredTo);
        }
    }
}
