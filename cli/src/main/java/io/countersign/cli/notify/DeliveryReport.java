package io.countersign.cli.notify;

import io.countersign.engine.notify.Dispatcher;
import java.util.List;

/**
 * What delivery rounds did, added up: what {@code notify run} and {@code sweep --notify} report.
 *
 * @param retrying failures that will be tried again after their backoff
 * @param dead events given up on: {@code notify failed} lists them
 * @param waiting events of the last round not yet due (backing off, or behind an earlier event)
 */
public record DeliveryReport(int rounds, int delivered, int retrying, int dead, int waiting) {

    public static final DeliveryReport NONE = new DeliveryReport(0, 0, 0, 0, 0);

    public static DeliveryReport of(List<Dispatcher.Round> rounds) {
        DeliveryReport r = NONE;
        for (Dispatcher.Round round : rounds) {
            r = r.plus(round);
        }
        return r;
    }

    /** With one more round. */
    public DeliveryReport plus(Dispatcher.Round r) {
        return new DeliveryReport(rounds + 1, delivered + r.delivered(), retrying + r.failed(), dead + r.dead(),
                r.waiting());
    }

    /** Whether a round did anything: delivered, failed or gave up on an event. */
    static boolean busy(Dispatcher.Round r) {
        return r.delivered() + r.failed() + r.dead() > 0;
    }

    /** {@code 3 delivered, 1 to retry, 0 dead letters, 2 waiting}. */
    public String text() {
        return counts(delivered, retrying, dead, waiting);
    }

    static String counts(int delivered, int retrying, int dead, int waiting) {
        return delivered + " delivered, " + retrying + " to retry, " + dead + (dead == 1 ? " dead letter, " : " dead letters, ")
                + waiting + " waiting";
    }
}
