package io.countersign.engine.notify;

import io.countersign.engine.event.Event;
import io.countersign.engine.store.OutboxEntry;
import io.countersign.engine.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers the stored outbox: every undelivered event to every notifier that does not have it yet,
 * each request's events in sequence. A failure is retried with exponential backoff and jitter (so
 * many failing events do not retry in lockstep); after {@code maxAttempts}, or at once when the
 * receiver says the event itself is wrong (a 4xx), it becomes a dead letter — which does not hold back
 * the request's later events: a receiver sees the gap in {@code sequence}.
 */
public final class Dispatcher {

    /** Attempts before an event becomes a dead letter. */
    public static final int MAX_ATTEMPTS = 8;
    private static final Duration BASE = Duration.ofSeconds(2);
    private static final Duration CAP = Duration.ofMinutes(30);
    private static final int BATCH = 500;

    private final Store store;
    private final List<Notifier> notifiers;
    private final Clock clock;
    private final int maxAttempts;

    public Dispatcher(Store store, List<Notifier> notifiers, Clock clock, int maxAttempts) {
        this.store = Objects.requireNonNull(store);
        this.notifiers = List.copyOf(notifiers);
        this.clock = clock;
        this.maxAttempts = maxAttempts;
    }

    /**
     * What one round did.
     *
     * @param delivered events every notifier now has
     * @param failed events that failed this round and will be tried again
     * @param dead events given up on this round
     * @param waiting events not yet due (backing off, or behind an earlier event of their request)
     */
    public record Round(int delivered, int failed, int dead, int waiting) {
    }

    /** One pass over the outbox. Safe to run from several processes: delivery is at least once. */
    public Round runOnce() {
        int delivered = 0;
        int failed = 0;
        int dead = 0;
        int waiting = 0;
        Set<String> held = new HashSet<>(); // requests whose earlier event is still owed this round
        Instant now = clock.instant();
        for (OutboxEntry entry : store.outbox(BATCH)) {
            Event e = entry.event();
            if (held.contains(e.requestId())) {
                waiting++;
                continue;
            }
            if (entry.nextAttempt() != null && now.isBefore(entry.nextAttempt())) {
                held.add(e.requestId());
                waiting++;
                continue;
            }
            Set<String> have = new LinkedHashSet<>(entry.deliveredTo());
            DeliveryException failure = null;
            for (Notifier n : notifiers) {
                if (have.contains(n.name())) {
                    continue;
                }
                try {
                    n.deliver(e);
                    have.add(n.name());
                } catch (DeliveryException x) {
                    failure = failure == null || !x.retryable() ? x : failure;
                } catch (RuntimeException x) {
                    failure = new DeliveryException(n.name() + ": " + x, true, x);
                }
            }
            if (failure == null) {
                store.delivery(new OutboxEntry(e, have, entry.attempts(), null, null), true, false);
                delivered++;
                continue;
            }
            int attempts = entry.attempts() + 1;
            boolean giveUp = !failure.retryable() || attempts >= maxAttempts;
            Instant next = giveUp ? null : now.plus(backoff(attempts));
            store.delivery(new OutboxEntry(e, have, attempts, next, failure.getMessage()), false, giveUp);
            if (giveUp) {
                dead++;
            } else {
                failed++;
                held.add(e.requestId());
            }
        }
        return new Round(delivered, failed, dead, waiting);
    }

    /** Delivers until the outbox holds nothing due, or {@code rounds} passes have run. */
    public List<Round> drain(int rounds) {
        List<Round> out = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            Round r = runOnce();
            out.add(r);
            if (r.delivered() == 0 && r.failed() == 0 && r.dead() == 0) {
                break;
            }
        }
        return out;
    }

    /** Exponential with jitter: uniformly between half and all of min(cap, base × 2^(attempt-1)). */
    static Duration backoff(int attempt) {
        long ceiling = Math.min(CAP.toMillis(), BASE.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }
}
