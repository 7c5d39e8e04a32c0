package io.countersign.engine.store;

import io.countersign.engine.workflow.StoredRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where requests, their decisions and their events live. Every write is one transaction: the request,
 * the decisions and the events of a change are stored together or not at all, so nothing announced is
 * lost and nothing is announced that did not happen. Implementations must be thread-safe.
 */
public interface Store extends AutoCloseable {

    /**
     * Stores a new request with its first decisions and events.
     *
     * @throws ConflictException when a request with this id exists
     */
    void create(Change change);

    /**
     * Replaces {@code before} by {@code change.request()}, conditional on the stored request still being
     * {@code before} (same version, same status), and adds the change's decisions and events.
     *
     * @throws ConflictException when the stored request is no longer {@code before}: someone else wrote first
     */
    void transition(StoredRequest before, Change change);

    Optional<StoredRequest> get(String id);

    /** A request with its decisions (in the order they were made) and events (in sequence); empty when unknown. */
    Optional<History> history(String id);

    /** One page of a listing, newest first; {@code cursor} is the previous page's {@link Page#next()}, or null. */
    Page<StoredRequest> list(Listing listing, String cursor, int limit);

    /**
     * The requester's pending and approved requests for a profile whose deadline (expiry, or end of
     * access) is after {@code after}: what an access check needs, from one indexed query.
     */
    List<StoredRequest> open(String requester, String profile, Instant after);

    /**
     * Events not yet delivered to every notifier and not given up on, oldest first (a request's events
     * in sequence), at most {@code limit}.
     */
    List<OutboxEntry> outbox(int limit);

    /** Events given up on after their attempts ran out, oldest first. */
    List<OutboxEntry> deadLetters(int limit);

    /**
     * Records the outcome of one delivery round of an event: who has it now, how many attempts failed,
     * when to try again. {@code done}: every notifier has it, it leaves the outbox; {@code dead}: it
     * moves to the dead letters.
     */
    void delivery(OutboxEntry entry, boolean done, boolean dead);

    /** Puts a dead letter back into the outbox with its attempts reset; false when no such dead letter. */
    boolean retry(String eventId);

    /** Releases connections (and an embedded database). */
    @Override
    void close();
}
