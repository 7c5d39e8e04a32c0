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
 * @param followUpsOverdue follow-ups announced overdue ({@code followup.overdue}), by follow-up id
 */
public record SweepReport(List<String> expired, List<String> escalated, List<String> ended, List<String> reviewsDue,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> unverified,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> followUpsOverdue) {
    public SweepReport {
        expired = List.copyOf(expired);
        escalated = List.copyOf(escalated);
        ended = List.copyOf(ended);
        reviewsDue = List.copyOf(reviewsDue);
        followUpsOverdue = followUpsOverdue == null ? List.of() : List.copyOf(followUpsOverdue);
        // Absent when empty in JSON (the field is left out), so a report read back has none.
        unverified = unverified == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(unverified));
    }

    /** A sweep that found every record it looked at intact. */
    public SweepReport(List<String> expired, List<String> escalated, List<String> ended, List<String> reviewsDue) {
        this(expired, escalated, ended, reviewsDue, Map.of(), List.of());
    }

    /** A sweep that announced no follow-up overdue. */
    public SweepReport(List<String> expired, List<String> escalated, List<String> ended, List<String> reviewsDue,
            Map<String, String> unverified) {
        this(expired, escalated, ended, reviewsDue, unverified, List.of());
    }
}
