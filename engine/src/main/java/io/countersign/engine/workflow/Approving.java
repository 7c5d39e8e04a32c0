package io.countersign.engine.workflow;

import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.decision.DecisionKind;
import io.countersign.engine.event.EventType;
import io.countersign.engine.model.Approval;
import io.countersign.engine.model.Creation;
import io.countersign.engine.model.Draft;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StageState;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.model.TrackedFollowUp;
import io.countersign.engine.signing.Signature;
import io.countersign.engine.store.Change;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Approval: an eligible approver's approval counts toward the open stage, with terms that may only
 * tighten the grant. Approvers are distinct across the whole request (a delegate and the person whose
 * place they hold count as one); the quorum completes the stage and opens the next; the last stage
 * approves the request and starts its access window (at approval, or the requested start if later).
 */
final class Approving {

    private final Parts parts;

    Approving(Parts parts) {
        this.parts = parts;
    }

    StoredRequest approve(String id, String actor, Terms terms, Signature signature) {
        return parts.writes().transition(id, cur -> step(cur, actor, terms, signature));
    }

    private Change step(StoredRequest cur, String actor, Terms terms, Signature signature) {
        Instant now = parts.clock().instant();
        int si = Parts.requireOpen(cur, now, "approve");
        StageState stage = cur.stages().get(si);
        Eligibility.Eligible el = parts.eligibility().of(cur, stage, si, actor, now);
        Map<String, Object> signing = parts.signing().decision(cur, Act.approve(terms), actor, signature, now);
        if (cur.approvers().contains(actor)) {
            throw new RefusedException(Refusal.ALREADY_DECIDED, actor + " has already approved this request:"
                    + " approvers must be distinct");
        }
        if (el.onBehalfOf() != null && cur.approvers().contains(el.onBehalfOf())) {
            throw new RefusedException(Refusal.ALREADY_DECIDED, el.onBehalfOf() + " has already approved this"
                    + " request: their delegate cannot approve for them again");
        }
        Tightening t = Tightening.of(cur.grant(), terms);
        boolean completes = stage.approvals().size() + 1 >= stage.need();
        boolean last = completes && si == cur.stages().size() - 1;
        Instant start = last ? Creation.accessStart(cur.startAt(), now) : null;
        Instant end = last ? start.plus(t.grant().duration()) : null;
        Instant review = last && t.grant().reviewAfter() != null ? now.plus(t.grant().reviewAfter()) : null;
        DecisionKind kind = t.narrowed() ? DecisionKind.PARTIAL : t.tightened() ? DecisionKind.CONDITIONAL
                : DecisionKind.APPROVED;
        PersonDecision pd = PersonDecision.of(cur, actor, kind, now, signing).why(terms.rationale())
                .as(Parts.level(cur, si), el.authority()).stage(si + 1).conditions(t.addedConditions())
                .stipulations(terms.stipulations()).overrides(stage.overrides()).onBehalfOf(el.onBehalfOf())
                .review(review).expiry(end).risk(cur.riskAssessment()).remarks(terms);
        if (last) {
            // The decision that makes the grant states all of it, as policy's does when it grants at once.
            pd.grant(t.grant(), now);
        }
        if (t.narrowed()) {
            pd.partialGrants(t.grant().permissions());
        }
        ApprovalDecision d = pd.record();
        List<Approval> approvals = new ArrayList<>(stage.approvals());
        approvals.add(new Approval(actor, el.authority(), el.onBehalfOf(), d.decisionId(), now));
        List<StageState> stages = new ArrayList<>(cur.stages());
        stages.set(si, stage.withApprovals(approvals, completes ? now : null));
        if (completes && !last) {
            stages.set(si + 1, stages.get(si + 1).opened(now));
        }
        Draft next = Draft.from(cur).grant(t.grant()).stages(stages).updatedAt(now);
        if (last) {
            d = FinalCompliance.of(parts.store(), cur, stages, d, stage.overrides());
            next.status(RequestStatus.APPROVED).accessStart(start).accessEnd(end).reviewDate(review).expiresAt(null)
                    .followUps(TrackedFollowUp.of(t.grant(), now));
        }
        Chain chain = Chain.next(next, now);
        chain.add(EventType.DECISION_RECORDED, actor, d);
        if (completes) {
            chain.add(EventType.STAGE_COMPLETED, actor, d);
        }
        if (last) {
            chain.add(EventType.REQUEST_APPROVED, actor, d);
        }
        return chain.change(List.of(d));
    }
}
