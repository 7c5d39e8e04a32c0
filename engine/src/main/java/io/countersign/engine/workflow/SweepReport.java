package io.countersign.engine.workflow;

import java.util.List;

/**
 * What one sweep did, by request id.
 *
 * @param expired pending requests past their {@code expire after}
 * @param escalated stages whose {@code escalate after} came: their escalation approvers are now open
 * @param ended grants whose access window closed
 * @param reviewsDue grants whose review date came
 */
public record SweepReport(List<String> expired, List<String> escalated, List<String> ended, List<String> reviewsDue) {
    public SweepReport {
        expired = List.copyOf(expired);
        escalated = List.copyOf(escalated);
        ended = List.copyOf(ended);
        reviewsDue = List.copyOf(reviewsDue);
    }
}
