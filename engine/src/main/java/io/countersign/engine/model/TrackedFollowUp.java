package io.countersign.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A follow-up of a grant, tracked ({@code follow up ACTION within SPAN}): due SPAN after the approval,
 * announced once when overdue ({@code followup.overdue}), done when someone who may says so with
 * evidence ({@code followup.done}).
 *
 * @param overdue whether {@code followup.overdue} has been announced
 * @param doneAt when it was marked done; null while open
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrackedFollowUp(String action, Instant due, boolean overdue, Instant doneAt, String doneBy,
        List<String> evidence) {
    public TrackedFollowUp {
        evidence = evidence == null || evidence.isEmpty() ? null : List.copyOf(evidence);
    }

    /** The follow-ups of {@code grant}, due from {@code approvedAt}; null when it has none. */
    public static List<TrackedFollowUp> of(StoredRequest.Grant grant, Instant approvedAt) {
        if (grant == null || grant.followUps().isEmpty()) {
            return null;
        }
        List<TrackedFollowUp> out = new ArrayList<>();
        for (StoredRequest.FollowUp f : grant.followUps()) {
            out.add(new TrackedFollowUp(f.action(), approvedAt.plus(f.within()), false, null, null, null));
        }
        return out;
    }

    @JsonIgnore
    public boolean done() {
        return doneAt != null;
    }

    /** The same follow-up, announced overdue. */
    public TrackedFollowUp announcedOverdue() {
        return new TrackedFollowUp(action, due, true, doneAt, doneBy, evidence);
    }

    /** The same follow-up, done at {@code at} by {@code by} with {@code proof}. */
    public TrackedFollowUp doneBy(String by, Instant at, List<String> proof) {
        return new TrackedFollowUp(action, due, overdue, at, by, proof);
    }
}
