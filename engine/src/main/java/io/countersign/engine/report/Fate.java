package io.countersign.engine.report;

import com.fasterxml.jackson.annotation.JsonValue;
import io.countersign.engine.decide.Outcome;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import java.util.Locale;

/**
 * How a request ended, as a report counts it: decided by policy at once or by people, or not decided.
 * A grant that later ended (expired, revoked) still counts as approved; a denial appealed and then
 * approved counts as approved by people.
 */
public enum Fate {
    AUTO_APPROVED, APPROVED, AUTO_DENIED, DENIED, EXPIRED, CANCELLED, PENDING;

    static Fate of(StoredRequest r) {
        if (r.status() == RequestStatus.CANCELLED) {
            return CANCELLED;
        }
        if (r.outcome() != null && r.outcome().grants()) {
            return AUTO_APPROVED;
        }
        if (r.accessStart() != null) {
            return APPROVED;
        }
        return switch (r.status()) {
            case DENIED -> r.outcome() == Outcome.DENIED ? AUTO_DENIED : DENIED;
            case EXPIRED -> EXPIRED;
            case PENDING -> PENDING;
            // approved or revoked without an access window: a record older than the window; still a grant
            case APPROVED, REVOKED -> APPROVED;
            case CANCELLED -> CANCELLED;
        };
    }

    /** Whether people decided it (approved or denied), so it has a time to decision. */
    boolean byPeople() {
        return this == APPROVED || this == DENIED;
    }

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
