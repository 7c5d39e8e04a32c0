package io.countersign.engine.store;

import io.countersign.engine.model.StoredRequest;
import java.time.Instant;

/**
 * The two due indexes a store keeps ({@link Store#due}): sparse, holding only requests with something
 * still due, each sorted by the instant it is due.
 */
public enum Due {
    /** What the sweep announces next: a review or a follow-up not yet announced ({@link StoredRequest#nextDue()}). */
    SWEEP,
    /** The earliest follow-up not done, overdue or not ({@link StoredRequest#nextFollowUp()}). */
    FOLLOW_UP;

    /** The instant {@code r} sorts at in this index; null when it is not in it. */
    public Instant of(StoredRequest r) {
        return switch (this) {
            case SWEEP -> r.nextDue();
            case FOLLOW_UP -> r.nextFollowUp();
        };
    }
}
