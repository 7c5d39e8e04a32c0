package io.countersign.engine.store;

import io.countersign.engine.model.StoredRequest;
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
     * {@link #open}, each request with its history ({@link #history}): the access check's one read of a
     * grant it allows. A store that can reads the approved ones' histories in the same query and snapshot;
     * by default each history is read when it is asked for.
     */
    default List<OpenRequest> openWithHistories(String requester, String profile, Instant after) {
        List<OpenRequest> out = new java.util.ArrayList<>();
        for (StoredRequest r : open(requester, profile, after)) {
            out.add(OpenRequest.of(r, this));
        }
        return out;
    }

    /**
     * The newest {@code limit} requests of {@code profile} created at or after {@code since} that were
     * settled ({@link StoredRequest#settled}), newest first: the candidates of a new request's precedents.
     * A store answers from an index of the settled requests by profile, so pending ones (however many)
     * never crowd the settled out and never cost a read.
     *
     * <p>By default the profile's newest {@code limit} requests through its listing, with the unsettled
     * ones left out: bounded, but fewer than {@code limit} where the newest are pending. For stores without
     * the index (test doubles); the stores shipped keep it (SQLite {@code requests_settled}, DynamoDB the
     * sparse {@code settled} index).
     *
     * @param limit between 1 and 1,000
     */
    default List<StoredRequest> settled(String profile, Instant since, int limit) {
        List<StoredRequest> out = new java.util.ArrayList<>();
        for (StoredRequest r : list(new Listing.ByProfile(profile), null, limit).items()) {
            if (r.createdAt().isBefore(since)) {
                break; // newest first: the rest are older still
            }
            if (r.settled()) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * One page of the requests in the due index {@code which} that are due at or before {@code until}
     * (null: however late), earliest due first, ties by id: what the sweep announces, and the follow-ups
     * still open. Answered from a sparse index of {@link Due#of} (only requests with something due are
     * in it), never by reading every request. A request written meanwhile may move in the index: one
     * that moves behind the cursor is left for the next reading.
     *
     * <p>The default reads every request ({@link #requestIds}): for stores without the index (test
     * doubles); the stores shipped keep the index.
     *
     * @param cursor null for the first page, else the previous page's {@link Page#next()}
     * @param limit between 1 and 1,000
     */
    default Page<StoredRequest> due(Due which, Instant until, String cursor, int limit) {
        if (cursor != null) {
            throw new IllegalArgumentException("this store answers the due index in one page");
        }
        List<StoredRequest> all = new java.util.ArrayList<>();
        String ids = null;
        do {
            Page<String> page = requestIds(ids, 1000);
            for (String id : page.items()) {
                get(id).filter(r -> which.of(r) != null && (until == null || !which.of(r).isAfter(until)))
                        .ifPresent(all::add);
            }
            ids = page.next();
        } while (ids != null);
        all.sort(java.util.Comparator.comparing(which::of).thenComparing(StoredRequest::id));
        return new Page<>(all, null);
    }

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

    /**
     * The dispatcher's record of a request's events: for each event's sequence, the notifiers it was delivered
     * to ({@link #delivery} wrote it), delivered, still owed or given up on; events no notifier has are
     * left out. Empty for an unknown request. What a decision's {@code notificationsSent} is read from;
     * not sealed, so only as good as the table's write access (docs/threat-model.md).
     *
     * <p>By default from {@link #archive}'s deliveries; the stores answer from their own record, which
     * {@link #archive} carries whole and {@link #restore} writes back, so that a move keeps it.
     */
    default java.util.Map<Long, java.util.Set<String>> deliveredTo(String id) {
        java.util.Map<Long, java.util.Set<String>> out = new java.util.TreeMap<>();
        archive(id).ifPresent(a -> {
            java.util.Map<String, Long> sequence = new java.util.HashMap<>();
            a.history().events().forEach(e -> sequence.put(e.id(), e.sequence()));
            a.deliveries().forEach(d -> {
                if (!d.deliveredTo().isEmpty() && sequence.containsKey(d.eventId())) {
                    out.put(sequence.get(d.eventId()), d.deliveredTo());
                }
            });
        });
        return out;
    }

    // ---- moving a whole store (store export / import) ------------------------------------------------

    /**
     * One page of the ids of every request in the store, to read a whole store out. The order is the
     * store's own and stable: following {@link Page#next()} from a null cursor yields every request that
     * exists from the first page to the last exactly once (one created or deleted meanwhile may appear or
     * not). A page holds at most {@code limit} ids and is empty only when it is the last.
     *
     * @param cursor null for the first page, else the previous page's {@link Page#next()}
     * @param limit between 1 and 1,000
     * @throws IllegalArgumentException for a cursor this store did not give out, or a limit out of range
     */
    Page<String> requestIds(String cursor, int limit);

    /**
     * A request's record for moving it to another store: its {@link #history history} and the delivery
     * record of every event that has one ({@link Archive.Delivery}: owed, dead, or delivered and to whom),
     * read together (one consistent read, so the request's head and its events agree). Empty when there
     * is no such request.
     */
    Optional<Archive> archive(String id);

    /**
     * Writes a request's record exactly as {@code archive} gives it, as one transaction: the request
     * (version, status, chain head and all), its decisions and events unchanged, each event's delivery
     * record (an owed event back in the outbox, a dead one among the dead letters, a delivered one out
     * of both with whom it went to), and every index entry this store derives from them, as though this
     * store had written them itself. {@link #history} then gives the events in the order given, whatever sequence each names
     * (a store files them by their place, which in an untouched history is their sequence). Nothing is
     * checked against the policies or the chain (that is {@code audit verify}'s job) and no event is
     * emitted. A request that is absent is written whole or not at all.
     *
     * <p>Idempotent, so that an interrupted import can be run again: when the request exists already
     * with the same history ({@link History#sameAs}: the request, the events in order and the decisions
     * by id equal as JSON), nothing is written (delivery state is not compared: it moves on by itself)
     * and the answer is false.
     *
     * @return true when the record was written, false when an identical history was there
     * @throws ConflictException when the request exists with a different history; the message names it
     */
    boolean restore(Archive archive);

    /** Releases connections (and an embedded database). */
    @Override
    void close();
}
