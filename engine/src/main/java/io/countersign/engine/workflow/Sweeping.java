package io.countersign.engine.workflow;

import io.countersign.engine.event.EventType;
import io.countersign.engine.model.Draft;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StageState;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.model.TrackedFollowUp;
import io.countersign.engine.store.Change;
import io.countersign.engine.store.Due;
import io.countersign.engine.store.Listing;
import io.countersign.engine.store.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sweep: pending requests past their {@code expire after} expire, stages past their {@code escalate
 * after} open to their escalation approvers, grants past their access window end; then, from the due
 * index, reviews and follow-ups come due whether the grant is still active or not.
 * Idempotent: a second sweep at the same instant changes nothing. Its actor is {@link #ACTOR}.
 */
final class Sweeping {

    /** The actor of transitions the sweep makes. */
    static final String ACTOR = "sweep";

    private final Parts parts;

    Sweeping(Parts parts) {
        this.parts = parts;
    }

    SweepReport sweep() {
        List<String> expired = new ArrayList<>();
        List<String> escalated = new ArrayList<>();
        List<String> ended = new ArrayList<>();
        List<String> reviews = new ArrayList<>();
        List<String> overdue = new ArrayList<>();
        Map<String, String> unverified = new LinkedHashMap<>();
        for (StoredRequest r : all(RequestStatus.PENDING)) {
            parts.writes().sweep(r.id(), cur -> pending(cur, expired, escalated), unverified);
        }
        for (StoredRequest r : all(RequestStatus.APPROVED)) {
            parts.writes().sweep(r.id(), cur -> approved(cur, ended), unverified);
        }
        // Reviews and follow-ups come due whether or not the grant is still active: from the due index.
        Instant now = parts.clock().instant();
        String cursor = null;
        do {
            Page<StoredRequest> page = parts.store().due(Due.SWEEP, now, cursor, 100);
            for (StoredRequest r : page.items()) {
                parts.writes().sweep(r.id(), cur -> due(cur, reviews, overdue), unverified);
            }
            cursor = page.next();
        } while (cursor != null);
        return new SweepReport(expired, escalated, ended, reviews, unverified, overdue);
    }

    private Change pending(StoredRequest cur, List<String> expired, List<String> escalated) {
        Instant now = parts.clock().instant();
        if (cur.status() != RequestStatus.PENDING) {
            return null;
        }
        if (!now.isBefore(cur.expiresAt())) {
            expired.add(cur.id());
            return Chain.announced(Draft.from(cur).status(RequestStatus.EXPIRED)
                    .rationale("Expired undecided at " + cur.expiresAt()).updatedAt(now), now, ACTOR,
                    EventType.REQUEST_EXPIRED);
        }
        int si = cur.currentStage();
        StageState stage = cur.stages().get(si);
        List<String> due = Eligibility.due(stage, now);
        if (due.isEmpty() || stage.escalatedTo().containsAll(due)) {
            return null;
        }
        List<StageState> stages = new ArrayList<>(cur.stages());
        stages.set(si, stage.escalatedAlsoTo(due));
        escalated.add(cur.id());
        return Chain.announced(Draft.from(cur).stages(stages).updatedAt(now), now, ACTOR, EventType.REQUEST_ESCALATED);
    }

    private Change approved(StoredRequest cur, List<String> ended) {
        Instant now = parts.clock().instant();
        if (cur.status() != RequestStatus.APPROVED) {
            return null;
        }
        if (!now.isBefore(cur.accessEnd())) {
            ended.add(cur.id());
            return Chain.announced(Draft.from(cur).updatedAt(now).status(RequestStatus.EXPIRED)
                    .rationale("Access ended at " + cur.accessEnd()), now, ACTOR, EventType.REQUEST_EXPIRED);
        }
        return null;
    }

    /**
     * A review that came due ({@code review.due}) and follow-ups past their date undone
     * ({@code followup.overdue}, one each, naming it): each announced once, in one transition.
     */
    private Change due(StoredRequest cur, List<String> reviews, List<String> overdue) {
        Instant now = parts.clock().instant();
        Instant next = cur.nextDue();
        if (next == null || now.isBefore(next)) {
            return null;
        }
        boolean review = cur.reviewDate() != null && !cur.reviewDue() && !now.isBefore(cur.reviewDate());
        List<TrackedFollowUp> followUps = new ArrayList<>(cur.trackedFollowUps());
        List<Integer> late = new ArrayList<>();
        for (int i = 0; i < followUps.size(); i++) {
            TrackedFollowUp f = followUps.get(i);
            if (!f.done() && !f.overdue() && !now.isBefore(f.due())) {
                followUps.set(i, f.announcedOverdue());
                late.add(i);
            }
        }
        Draft draft = Draft.from(cur).updatedAt(now);
        if (review) {
            draft.reviewDue(true);
        }
        if (!late.isEmpty()) {
            draft.followUps(followUps);
        }
        Chain chain = Chain.next(draft, now);
        if (review) {
            reviews.add(cur.id());
            chain.add(EventType.REVIEW_DUE, ACTOR, null);
        }
        for (int i : late) {
            overdue.add(FollowUps.id(cur.id(), i + 1));
            chain.add(EventType.FOLLOWUP_OVERDUE, ACTOR, null, null, Map.of("followUp", FollowUps.describe(cur.id(),
                    i + 1, followUps.get(i))));
        }
        return chain.change(List.of());
    }

    private List<StoredRequest> all(RequestStatus status) {
        List<StoredRequest> out = new ArrayList<>();
        String cursor = null;
        do {
            Page<StoredRequest> page = parts.store().list(new Listing.ByStatus(status), cursor, 100);
            out.addAll(page.items());
            cursor = page.next();
        } while (cursor != null);
        return out;
    }
}
