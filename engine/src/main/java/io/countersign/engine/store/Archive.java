package io.countersign.engine.store;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A request's whole record as one store holds it, to be moved to another ({@code store export} and
 * {@code store import}): its history, and the dispatcher's record of every one of its events that has
 * one — still owed to a notifier, given up on, or delivered (to whom: what a decision's {@code
 * notificationsSent} is read from, {@link Store#deliveredTo}). An event with no delivery here has been
 * delivered, and no notifier has a record of it.
 *
 * @param deliveries in the order of the events they belong to; at most one per event
 */
public record Archive(History history, List<Delivery> deliveries) {

    /** A delivered event with nothing recorded is left out: it reads as an event with no delivery. */
    public Archive {
        deliveries = deliveries.stream().filter(d -> d.pending() || !d.deliveredTo().isEmpty() || d.attempts() != 0
                || d.lastError() != null).toList();
    }

    /** The request's id. */
    public String id() {
        return history.request().id();
    }

    /** Where an event stands with the dispatcher. */
    public enum State {
        /** Some notifier still lacks it: in the outbox. */
        OWED,
        /** Given up on after its attempts ran out: a dead letter. */
        DEAD,
        /** Every notifier has it: out of the outbox, its record kept for {@code notificationsSent}. */
        DELIVERED
    }

    /**
     * Where one event stands with the dispatcher: as {@link OutboxEntry} says, and in which {@link State}.
     * A delivered event has no next attempt.
     *
     * @param eventId the event's {@code id}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"eventId", "deliveredTo", "attempts", "nextAttempt", "lastError", "state"})
    public record Delivery(String eventId, Set<String> deliveredTo, int attempts, Instant nextAttempt, String lastError,
            State state) {
        public Delivery {
            deliveredTo = deliveredTo == null ? Set.of() : Set.copyOf(deliveredTo);
            state = state == null ? State.OWED : state;
            nextAttempt = state == State.DELIVERED ? null : nextAttempt;
        }

        /** An event still owed to a notifier ({@code dead} false) or a dead letter. */
        public Delivery(String eventId, Set<String> deliveredTo, int attempts, Instant nextAttempt, String lastError,
                boolean dead) {
            this(eventId, deliveredTo, attempts, nextAttempt, lastError, dead ? State.DEAD : State.OWED);
        }

        /** A delivered event's record: who has it, how many attempts failed on the way, the last error. */
        public static Delivery delivered(String eventId, Set<String> deliveredTo, int attempts, String lastError) {
            return new Delivery(eventId, deliveredTo, attempts, null, lastError, State.DELIVERED);
        }

        /** Whether it was given up on. */
        @JsonIgnore
        public boolean dead() {
            return state == State.DEAD;
        }

        /** Whether it is in the outbox or among the dead letters: not yet delivered to every notifier. */
        @JsonIgnore
        public boolean pending() {
            return state != State.DELIVERED;
        }
    }
}
