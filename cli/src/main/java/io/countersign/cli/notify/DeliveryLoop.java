package io.countersign.cli.notify;

import io.countersign.engine.notify.Dispatcher;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.ObjIntConsumer;

/**
 * Rounds of the dispatcher until {@link #stop} — or, until idle, until a round finds nothing due. A
 * round that did something is followed at once by the next (there may be more than one round's worth);
 * an idle one by a pause of {@code interval}, which a stop cuts short. A round in progress is always
 * finished: stopping between two deliveries would leave nothing lost either (delivery is at least once),
 * but finishing records what was delivered, so receivers see fewer repeats.
 */
final class DeliveryLoop {

    private final Dispatcher dispatcher;
    private final Duration interval;
    private final boolean untilIdle;
    private final ObjIntConsumer<Dispatcher.Round> busyRound;
    private final CountDownLatch stop = new CountDownLatch(1);

    /** @param busyRound told of every round that delivered, failed or gave up on something, with its number */
    DeliveryLoop(Dispatcher dispatcher, Duration interval, boolean untilIdle, ObjIntConsumer<Dispatcher.Round> busyRound) {
        this.dispatcher = dispatcher;
        this.interval = interval;
        this.untilIdle = untilIdle;
        this.busyRound = busyRound;
    }

    /** Why the loop ended. */
    enum Ended {
        IDLE("nothing due"), STOPPED("stopped");

        final String words;

        Ended(String words) {
            this.words = words;
        }
    }

    /** What the loop did, and why it ended. */
    record Outcome(DeliveryReport report, Ended ended) {
    }

    Outcome run() {
        DeliveryReport total = DeliveryReport.NONE;
        while (!stopped()) {
            Dispatcher.Round r = dispatcher.runOnce();
            total = total.plus(r);
            if (DeliveryReport.busy(r)) {
                busyRound.accept(r, total.rounds());
                continue;
            }
            if (untilIdle) {
                return new Outcome(total, Ended.IDLE);
            }
            pause();
        }
        return new Outcome(total, Ended.STOPPED);
    }

    /** Asks the loop to end after the round in progress; from any thread (the shutdown hook's). */
    void stop() {
        stop.countDown();
    }

    private boolean stopped() {
        return stop.getCount() == 0;
    }

    private void pause() {
        try {
            stop.await(interval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // Interrupted is asked to end: the same as a stop.
            Thread.currentThread().interrupt();
            stop();
        }
    }
}
