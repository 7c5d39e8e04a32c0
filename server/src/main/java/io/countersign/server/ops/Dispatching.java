package io.countersign.server.ops;

import io.countersign.engine.notify.Dispatcher;
import io.countersign.engine.notify.Notifier;
import io.countersign.engine.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The outbox dispatcher inside the server: a round every interval, and the outbox's depth and dead
 * letters measured after each. Without notifiers it only measures: events wait for {@code notify run}.
 */
public final class Dispatching implements AutoCloseable {

    /** Rows counted for the gauges; beyond this the depth reads as this. */
    static final int COUNT_LIMIT = 10_000;

    private final ScheduledExecutorService timer;

    private Dispatching(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    public static Dispatching start(Store store, List<Notifier> notifiers, Clock clock, Duration every, Metrics metrics) {
        Dispatcher dispatcher = notifiers.isEmpty() ? null : new Dispatcher(store, notifiers, clock, Dispatcher.MAX_ATTEMPTS);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "countersign-outbox");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                if (dispatcher != null) {
                    dispatcher.runOnce();
                }
                metrics.outbox(store.outbox(COUNT_LIMIT).size(), store.deadLetters(COUNT_LIMIT).size());
            } catch (RuntimeException e) {
                // the next round tries again; the gauges keep their last values
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return new Dispatching(timer);
    }

    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
