package io.countersign.engine.workflow;

import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.store.Change;
import io.countersign.engine.store.ConflictException;
import io.countersign.engine.store.History;
import io.countersign.engine.store.Store;
import io.countersign.engine.verify.Evidence;
import io.countersign.engine.verify.Verdict;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Read, judge, write — again while another writer wins the race. Every transition is one conditional
 * write against the version it judged: the loser re-reads and is judged again against what the winner
 * wrote, after a short random pause that doubles with each loss (full jitter), so writers that collide
 * spread out instead of spinning in step.
 */
final class Writes {

    /** A conditional write lost to a concurrent one is retried this often before giving up. */
    static final int ATTEMPTS = 64;
    private static final long FIRST_PAUSE_NANOS = 100_000;
    private static final long LONGEST_PAUSE_NANOS = 20_000_000;

    private final Store store;
    private final Evidence acting;

    Writes(Store store, Evidence acting) {
        this.store = store;
        this.acting = acting;
    }

    /**
     * The request's state when its record verifies.
     *
     * @throws UnknownRequestException when there is no such request
     * @throws RefusedException ({@link Refusal#UNVERIFIED}) naming what does not verify
     */
    StoredRequest verified(String id) {
        return verifiedHistory(id).request();
    }

    /** The request's whole record when it verifies; refused as {@link #verified} is. */
    History verifiedHistory(String id) {
        History h = store.history(id).orElseThrow(() -> new UnknownRequestException(id));
        Verdict v = acting.check(id, h);
        if (!v.intact()) {
            throw new RefusedException(Refusal.UNVERIFIED, "request " + id + " does not verify, so nothing acts on it: "
                    + v.reason());
        }
        return h;
    }

    /** {@link #transition}, for a step that needs the whole verified record (the decisions), not only the request. */
    StoredRequest transitionOn(String id, Function<History, Change> step) {
        Lost lost = new Lost();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            History h = verifiedHistory(id);
            lost.read(h.request());
            Change change = step.apply(h);
            try {
                store.transition(h.request(), change);
                return change.request();
            } catch (ConflictException conflict) {
                pause(attempt);
            }
        }
        throw lost.refusal(id);
    }

    /** Applies {@code step} to the verified request and writes its change; the request as written. */
    StoredRequest transition(String id, Function<StoredRequest, Change> step) {
        Lost lost = new Lost();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            StoredRequest cur = verified(id);
            lost.read(cur);
            Change change = step.apply(cur);
            try {
                store.transition(cur, change);
                return change.request();
            } catch (ConflictException conflict) {
                pause(attempt);
            }
        }
        throw lost.refusal(id);
    }

    /**
     * One request's sweep: {@code step} gives null when nothing is due. A request whose record does not
     * verify is left as it is and reported in {@code unverified}: a transition written over it would
     * seal what someone else wrote.
     */
    void sweep(String id, Function<StoredRequest, Change> step, Map<String, String> unverified) {
        Lost lost = new Lost();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<History> h = store.history(id);
            if (h.isEmpty()) {
                return;
            }
            Verdict v = acting.check(id, h.get());
            if (!v.intact()) {
                unverified.put(id, v.reason());
                return;
            }
            StoredRequest cur = h.get().request();
            lost.read(cur);
            Change change = step.apply(cur);
            if (change == null) {
                return;
            }
            try {
                store.transition(cur, change);
                return;
            } catch (ConflictException conflict) {
                pause(attempt);
            }
        }
        if (lost.unchanged) {
            unverified.put(id, Lost.REASON);
        }
    }

    /**
     * The record each attempt judged. Every write lost while the record read stayed the same (reads are
     * consistent) lost to no writer: to the store's own index values (its status or version), which
     * someone changed outside the workflow. That is said as such, not as contention.
     */
    private static final class Lost {
        private StoredRequest judged;
        private boolean unchanged = true;

        void read(StoredRequest cur) {
            if (judged != null && !judged.equals(cur)) {
                unchanged = false;
            }
            judged = cur;
        }

        static final String REASON = "the store's index values for it (its status or version) differ from its"
                + " record: they were changed outside the workflow";

        RefusedException refusal(String id) {
            return unchanged ? new RefusedException(Refusal.UNVERIFIED, "request " + id + " does not verify, so"
                    + " nothing acts on it: " + REASON)
                    : new RefusedException(Refusal.CONTENTION, "request " + id + " is changing too fast to act on: try again");
        }
    }

    /** Full jitter: a random pause up to a bound that doubles with each lost race, capped. */
    private static void pause(int attempt) {
        long bound = Math.min(LONGEST_PAUSE_NANOS, FIRST_PAUSE_NANOS << Math.min(attempt, 16));
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(bound / 2, bound + 1));
    }
}
