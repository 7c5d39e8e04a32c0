package io.countersign.engine.seal;

import io.countersign.engine.store.Archive;
import io.countersign.engine.store.Change;
import io.countersign.engine.store.History;
import io.countersign.engine.store.Listing;
import io.countersign.engine.store.OutboxEntry;
import io.countersign.engine.store.Page;
import io.countersign.engine.store.Store;
import io.countersign.engine.model.StoredRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Any {@link Store}, sealed: every request, decision and event a change writes carries the service's
 * seal ({@link Sealer}), whatever the store underneath. Reads hand the records back as stored, seals
 * included; the workflow, the audit trail and {@code show} check them ({@link Sealer#of}). The
 * outbox never hands out an event whose seal fails: it becomes a dead letter saying so, so a forged
 * event is never delivered, signed, to a receiver.
 */
public final class SealedStore implements Store {

    private final Store inner;
    private final Sealer sealer;

    private SealedStore(Store inner, Sealer sealer) {
        this.inner = Objects.requireNonNull(inner);
        this.sealer = Objects.requireNonNull(sealer);
    }

    /** {@code store} sealed with {@code keys}; with {@link SealKeys#NONE}, {@code store} itself. */
    public static Store over(Store store, SealKeys keys) {
        return keys.sealing() ? new SealedStore(store, new Sealer(keys)) : store;
    }

    /** The sealer: what the readers of this store check seals with. */
    public Sealer sealer() {
        return sealer;
    }

    /** The store underneath. */
    public Store inner() {
        return inner;
    }

    @Override
    public void create(Change change) {
        inner.create(sealer.seal(change));
    }

    @Override
    public void transition(StoredRequest before, Change change) {
        inner.transition(before, sealer.seal(change));
    }

    @Override
    public Optional<StoredRequest> get(String id) {
        return inner.get(id);
    }

    @Override
    public Optional<History> history(String id) {
        return inner.history(id);
    }

    @Override
    public Page<StoredRequest> list(Listing listing, String cursor, int limit) {
        return inner.list(listing, cursor, limit);
    }

    @Override
    public List<StoredRequest> settled(String profile, Instant since, int limit) {
        return inner.settled(profile, since, limit);
    }

    @Override
    public Page<StoredRequest> due(io.countersign.engine.store.Due which, Instant until, String cursor, int limit) {
        return inner.due(which, until, cursor, limit);
    }

    @Override
    public List<StoredRequest> open(String requester, String profile, Instant after) {
        return inner.open(requester, profile, after);
    }

    @Override
    public List<io.countersign.engine.store.OpenRequest> openWithHistories(String requester, String profile,
            Instant after) {
        return inner.openWithHistories(requester, profile, after);
    }

    @Override
    public List<OutboxEntry> outbox(int limit) {
        List<OutboxEntry> out = new ArrayList<>();
        for (OutboxEntry e : inner.outbox(limit)) {
            String problem = sealer.check(e.event());
            if (problem == null) {
                out.add(e);
            } else {
                inner.delivery(new OutboxEntry(e.event(), e.deliveredTo(), e.attempts(), null,
                        "not delivered: event " + e.event().id() + " of request " + e.event().requestId() + ": "
                                + problem), false, true);
            }
        }
        return out;
    }

    @Override
    public List<OutboxEntry> deadLetters(int limit) {
        return inner.deadLetters(limit);
    }

    @Override
    public void delivery(OutboxEntry entry, boolean done, boolean dead) {
        inner.delivery(entry, done, dead);
    }

    @Override
    public boolean retry(String eventId) {
        return inner.retry(eventId);
    }

    /** Delivery records are the dispatcher's, not sealed: passed through as the store keeps them. */
    @Override
    public java.util.Map<Long, java.util.Set<String>> deliveredTo(String id) {
        return inner.deliveredTo(id);
    }

    @Override
    public Page<String> requestIds(String cursor, int limit) {
        return inner.requestIds(cursor, limit);
    }

    @Override
    public Optional<Archive> archive(String id) {
        return inner.archive(id);
    }

    /**
     * Writes an archived record as this service's own: every record sealed again with this store's key
     * (a seal made by the store it came from names a key this one may not hold), but an item its export
     * found changed ({@link Sealer#UNVOUCHED}), which is kept as it is and so found here too. The seal
     * cannot vouch for a file edited after its export — verify the source before exporting; the chain,
     * the signatures and policy's decisions are checked here as anywhere. Sealing is deterministic, so an
     * import run again finds the same records and writes nothing.
     */
    @Override
    public boolean restore(Archive archive) {
        History h = archive.history();
        List<io.countersign.engine.decision.ApprovalDecision> decisions = new ArrayList<>();
        h.decisions().forEach(d -> decisions.add(unvouched(d.seal()) ? d : sealer.seal(d.withSeal(null))));
        List<io.countersign.engine.event.Event> events = new ArrayList<>();
        h.events().forEach(e -> events.add(unvouched(e.seal()) ? e : sealer.seal(e.withSeal(null))));
        StoredRequest r = h.request();
        return inner.restore(new Archive(new History(unvouched(r.seal()) ? r : sealer.seal(r.withSeal(null)), decisions,
                events), archive.deliveries()));
    }

    /** An item its export found changed ({@link Sealer#UNVOUCHED}): kept as it is, never sealed here. */
    private static boolean unvouched(String seal) {
        return Sealer.UNVOUCHED.equals(seal);
    }

    @Override
    public void close() {
        inner.close();
    }
}
