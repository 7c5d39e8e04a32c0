package io.countersign.engine.workflow;

import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.decision.DecisionKind;
import io.countersign.engine.event.EventType;
import io.countersign.engine.model.Draft;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StageState;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.signing.Signature;
import io.countersign.engine.store.Change;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Denial: one eligible approver's denial denies the request, whatever the other stages say; the
 * rationale is required. An appeal goes to whoever the stage escalates to; an appeal already heard is final.
 */
final class Denying {

    private final Parts parts;

    Denying(Parts parts) {
        this.parts = parts;
    }

    StoredRequest deny(String id, String actor, Act.Deny act, Signature signature) {
        return parts.writes().transition(id, cur -> step(cur, actor, act, signature));
    }

    private Change step(StoredRequest cur, String actor, Act.Deny act, Signature signature) {
        String rationale = act.reason();
        Instant now = parts.clock().instant();
        int si = Parts.requireOpen(cur, now, "deny");
        StageState stage = cur.stages().get(si);
        Eligibility.Eligible el = parts.eligibility().of(cur, stage, si, actor, now);
        Map<String, Object> signing = parts.signing().decision(cur, act, actor, signature, now);
        List<String> appealTo = stage.overrides() != null ? List.of() : Eligibility.targets(stage);
        // Where an appeal may go, as policy's own denial says it (the seed's "may appeal to ...").
        ApprovalDecision d = PersonDecision.of(cur, actor, DecisionKind.DENIED, now, signing).why(rationale)
                .as(Parts.level(cur, si), el.authority()).stage(si + 1).overrides(stage.overrides())
                .onBehalfOf(el.onBehalfOf()).risk(cur.riskAssessment()).remarks(act.terms())
                .escalationReason(appealTo.isEmpty() ? null : "The requester may appeal to " + String.join(", ", appealTo))
                .record();
        Draft next = Draft.from(cur).status(RequestStatus.DENIED).rationale("Denied by " + actor + ": " + rationale)
                .updatedAt(now).expiresAt(null).appealTo(appealTo);
        return Chain.decided(next, now, actor, d, EventType.REQUEST_DENIED);
    }
}
