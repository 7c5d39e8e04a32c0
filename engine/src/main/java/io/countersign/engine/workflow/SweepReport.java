package io.countersign.engine.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What one sweep did, by request id.
 *
 * @param expired pending requests past their {@code expire after}
 * @param escalated stages whose {@code escalate after} came: their escalation approvers are now open
 * @param ended grants whose access window closed
 * @param reviewsDue grants whose review date came
 * @param unverified requests left untouched because their record does not verify, with the reason
 */
public record SweepReport(List<String> expired, List<String> escalated, List<String> ended, List<String> reviewsDue,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> unverified) {
    public SweepReport {
        expired = List.copyOf(expired);
        escalated = List.copyOf(escalated);
        ended = List.copyOf(ended);
        reviewsDue = List.copyOf(reviewsDue);
        // Absent when empty in JSON (the field is left out), so a report read back has none.
        unverified = unverified == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(unverified));
    }

    /** A sweep that found every record it looked at intact. */
    public SweepReport(List<String> expired, List<String> escalated, List<String> ended, List<String> reviewsDue) {
        this(expired, escalated, ended, reviewsDue, Map.of());
    }
}
