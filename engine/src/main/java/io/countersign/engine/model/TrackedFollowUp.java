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

    /**
     * The follow-ups a grant made before follow-ups were tracked owes: its sealed grant's, due from its
     * approval as a grant made today would have them (policy's instant grant: its submission; people's:
     * the last approval of its last stage), none announced, none done; empty for any other request. They
     * are derived on reading, never written into the sealed record behind its seal: the first transition
     * that changes one (the sweep announcing it overdue, {@code followup.done}) stores them all, signed
     * and chained like any transition.
     */
    static List<TrackedFollowUp> untracked(StoredRequest r) {
        if (r.followUps() != null || r.accessStart() == null || r.grant() == null || r.grant().followUps().isEmpty()) {
            return List.of();
        }
        List<TrackedFollowUp> derived = of(r.grant(), approvedAt(r));
        return derived == null ? List.of() : derived;
    }

    /** When {@code r}, granted, was approved: as {@code verify} reads it (its submission, or its last stage's last approval). */
    private static Instant approvedAt(StoredRequest r) {
        if (r.stages().isEmpty()) {
            return r.createdAt();
        }
        StageState last = r.stages().get(r.stages().size() - 1);
        return last.approvals().stream().map(Approval::at).filter(java.util.Objects::nonNull)
                .max(Instant::compareTo).orElse(last.completedAt() != null ? last.completedAt() : r.accessStart());
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
