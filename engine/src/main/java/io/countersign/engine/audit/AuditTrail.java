package io.countersign.engine.audit;

import io.countersign.engine.event.Event;
import io.countersign.engine.seal.Sealer;
import io.countersign.engine.verify.Evidence;
import io.countersign.engine.verify.PolicyJudge;
import io.countersign.engine.store.History;
import io.countersign.engine.store.Page;
import io.countersign.engine.store.Store;
import io.countersign.engine.store.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import io.countersign.engine.signing.PublicKeys;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Checks and reads the trail. A request's record is intact when it is evidence ({@link Evidence}): the
 * service's seals hold; its events chain (sequence 1, 2, 3…, each {@code prevHash} the previous hash,
 * each hash recomputed) and the last event is the head the request itself names (so dropping the newest
 * event shows); the request item is the state the chain records; every stored decision is the one an
 * event announced (so editing a decision shows); and — given the public keys — every person's action
 * carries a signature over what the record says it did, or is unsigned where the policy accepted that
 * (so rewriting the whole chain around an altered decision shows too); the state follows from those
 * actions and policy's decision, nothing wider; and — given the policies — policy's decision is the one
 * the policy set with its digest gives.
 */
public final class AuditTrail {

    private final Store store;
    private final Evidence evidence;

    /** Checks the chains and the decisions against their announcements (and the seals of a sealed store), not signatures. */
    public AuditTrail(Store store) {
        this(store, null, PolicyJudge.NONE);
    }

    /** Checks the chains, the decisions, and every person's signature against {@code keys}. */
    public AuditTrail(Store store, PublicKeys keys) {
        this(store, Objects.requireNonNull(keys), PolicyJudge.NONE);
    }

    /**
     * Checks everything: with {@code keys} the signatures, with {@code policies} policy's decisions
     * ({@link PolicyJudge#archive}: the policy sets and directories the decisions name).
     */
    public AuditTrail(Store store, PublicKeys keys, PolicyJudge policies) {
        this.store = Objects.requireNonNull(store);
        this.evidence = new Evidence(keys, Sealer.of(store), policies);
    }

    /** Where a request's record is broken: the event (when there is one) and what is wrong. */
    public record Finding(String requestId, Long sequence, String eventId, String problem) {
    }

    /** Verifies one request; empty when intact. */
    public List<Finding> verify(String id) {
        History h;
        try {
            h = store.history(id).orElse(null);
        } catch (StoreException e) {
            if (!(e.getCause() instanceof java.io.IOException)) {
                throw e;
            }
            // An item that is not a record at all (written past the store) is this request's finding: it
            // must not stop the audit of every other request, nor go unnamed.
            return List.of(new Finding(id, null, null, e.getMessage()));
        }
        if (h == null) {
            return List.of(new Finding(id, null, null, "no such request"));
        }
        return verify(id, h);
    }

    /** Verifies one request's history; empty when intact. */
    public List<Finding> verify(History h) {
        return verify(h.request().id(), h);
    }

    /** Verifies the history the store holds as request {@code id} (it must be that request's); empty when intact. */
    public List<Finding> verify(String id, History h) {
        List<Finding> out = new ArrayList<>();
        for (io.countersign.engine.verify.Finding f : evidence.check(id, h).findings()) {
            out.add(new Finding(id, f.sequence(), f.eventId(), f.problem()));
        }
        return out;
    }

    /** Verifies every request; the findings of each broken one. */
    public List<Finding> verifyAll() {
        List<Finding> out = new ArrayList<>();
        forEachId(id -> out.addAll(verify(id)));
        return out;
    }

    /**
     * Verifies every request, one at a time, handing each id with its findings (empty when intact) to
     * {@code each}: for a caller that reports as it goes and counts what it checked.
     */
    public void verifyEach(BiConsumer<String, List<Finding>> each) {
        forEachId(id -> each.accept(id, verify(id)));
    }

    /**
     * Every event since {@code since} (all when null), oldest first within each request, requests by creation.
     * Streams: it holds one request's history at a time (and a small entry per request to order them), so
     * a large store is logged in bounded memory; a request's events stay together, in chain order.
     */
    public void log(Instant since, Consumer<Event> sink) {
        List<Logged> all = new ArrayList<>();
        forEachId(id -> store.get(id).ifPresent(r -> {
            // A request untouched since then has no event since then.
            if (since == null || !r.updatedAt().isBefore(since)) {
                all.add(new Logged(r.createdAt(), id));
            }
        }));
        all.sort(Comparator.comparing(Logged::createdAt).thenComparing(Logged::id));
        for (Logged r : all) {
            store.history(r.id()).ifPresent(h -> h.events().stream()
                    .filter(e -> since == null || !e.time().isBefore(since)).forEach(sink));
        }
    }

    /** What {@link #log} keeps of a request until its turn. */
    private record Logged(Instant createdAt, String id) {
    }

    /**
     * Every request id the store holds, by its key: not through a listing, whose index values are not
     * sealed (a request whose status column names no status is in no listing, and must be audited all the
     * same).
     */
    private void forEachId(Consumer<String> each) {
        String cursor = null;
        do {
            Page<String> page = store.requestIds(cursor, 1000);
            page.items().forEach(each);
            cursor = page.next();
        } while (cursor != null);
    }
}
