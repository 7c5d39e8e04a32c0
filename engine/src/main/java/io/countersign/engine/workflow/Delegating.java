package io.countersign.engine.workflow;

import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.decision.DecisionKind;
import io.countersign.engine.event.EventType;
import io.countersign.engine.model.Draft;
import io.countersign.engine.model.StageState;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.signing.Signature;
import io.countersign.engine.store.Change;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Delegation: an eligible approver gives their place in the open stage to another person, unless
 * policy says {@code no delegation}. The delegate approves on their behalf; the two count as one. A
 * delegated place is not passed on, and nobody delegates to themselves, to the requester, or to
 * someone already holding a place.
 */
final class Delegating {

    private final Parts parts;

    Delegating(Parts parts) {
        this.parts = parts;
    }

    StoredRequest delegate(String id, String actor, String to, Signature signature) {
        return parts.writes().transition(id, cur -> step(cur, actor, to, signature));
    }

    private Change step(StoredRequest cur, String actor, String to, Signature signature) {
        Instant now = parts.clock().instant();
        int si = Parts.requireOpen(cur, now, "delegate");
        if (!cur.delegation()) {
            throw new RefusedException(Refusal.DELEGATION_FORBIDDEN, "the policy for this request says no delegation");
        }
        StageState stage = cur.stages().get(si);
        Eligibility.Eligible el = parts.eligibility().of(cur, stage, si, actor, now);
        if (el.onBehalfOf() != null) {
            throw new RefusedException(Refusal.DELEGATION_FORBIDDEN, actor + " holds a delegated place and cannot"
                    + " pass it on");
        }
        if (to.equals(actor)) {
            throw new RefusedException(Refusal.INVALID_DELEGATE, "cannot delegate to oneself");
        }
        if (cur.approvers().contains(actor)) {
            throw new RefusedException(Refusal.ALREADY_DECIDED, actor + " has already approved this request");
        }
        if (to.equals(cur.requester()) && !cur.selfApproval()) {
            throw new RefusedException(Refusal.OWN_REQUEST, "cannot delegate to the requester: nobody approves their"
                    + " own request");
        }
        if (cur.approvers().contains(to) || stage.delegates().containsKey(to)) {
            throw new RefusedException(Refusal.INVALID_DELEGATE, to + " already holds a place in this request's"
                    + " approvals");
        }
        Map<String, Object> signing = parts.signing().decision(cur, Act.delegate(to), actor, signature, now);
        Map<String, String> delegates = new LinkedHashMap<>(stage.delegates());
        delegates.put(to, actor);
        List<StageState> stages = new ArrayList<>(cur.stages());
        stages.set(si, stage.withDelegates(delegates));
        ApprovalDecision d = PersonDecision.of(cur, actor, DecisionKind.DELEGATED, now, signing)
                .why("Delegated to " + to).as(Parts.level(cur, si), el.authority()).stage(si + 1).delegatedTo(to)
                .record();
        return Chain.decided(Draft.from(cur).stages(stages).updatedAt(now), now, actor, d, EventType.REQUEST_DELEGATED);
    }
}
