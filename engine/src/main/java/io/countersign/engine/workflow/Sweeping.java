package io.countersign.engine.workflow;

import io.countersign.engine.event.EventType;
import io.countersign.engine.model.Draft;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.model.StoredRequest.StageState;
import io.countersign.engine.store.Change;
import io.countersign.engine.store.Listing;
import io.countersign.engine.store.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sweep: pending requests past their {@code expire after} expire, stages past their {@code escalate
 * after} open to their escalation approvers, grants past their access window end, reviews come due.
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
        Map<String, String> unverified = new LinkedHashMap<>();
        for (StoredRequest r : all(RequestStatus.PENDING)) {
            parts.writes().sweep(r.id(), cur -> pending(cur, expired, escalated), unverified);
        }
        for (StoredRequest r : all(RequestStatus.APPROVED)) {
            parts.writes().sweep(r.id(), cur -> approved(cur, ended, reviews), unverified);
        }
        return new SweepReport(expired, escalated, ended, reviews, unverified);
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

    private Change approved(StoredRequest cur, List<String> ended, List<String> reviews) {
        Instant now = parts.clock().instant();
        if (cur.status() != RequestStatus.APPROVED) {
            return null;
        }
        if (!now.isBefore(cur.accessEnd())) {
            ended.add(cur.id());
            return Chain.announced(Draft.from(cur).updatedAt(now).status(RequestStatus.EXPIRED)
                    .rationale("Access ended at " + cur.accessEnd()), now, ACTOR, EventType.REQUEST_EXPIRED);
        }
        if (cur.reviewDate() != null && !cur.reviewDue() && !now.isBefore(cur.reviewDate())) {
            reviews.add(cur.id());
            return Chain.announced(Draft.from(cur).updatedAt(now).reviewDue(true), now, ACTOR, EventType.REVIEW_DUE);
        }
        return null;
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
