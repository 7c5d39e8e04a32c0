package io.countersign.engine.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;

/**
 * One person's share of the deciding.
 *
 * @param responseP50 the median time from the stage opening to their decision
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApproverLoad(String approver, long approved, long denied, Duration responseP50) {

    public long decisions() {
        return approved + denied;
    }
}
