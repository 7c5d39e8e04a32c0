package io.countersign.engine.workflow;

import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.decision.ApprovalLevel;
import io.countersign.engine.decision.DecisionKind;
import io.countersign.engine.decide.DecisionProcedure;
import io.countersign.engine.event.EventType;
import io.countersign.engine.model.Draft;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StageState;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.signing.Signature;
import io.countersign.engine.store.Change;
import io.countersign.engine.store.History;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Escalation and appeal. For a pending request, the requester or an eligible approver opens the open
 * stage to its escalation approvers now, without waiting for {@code escalate after}. For a denied
 * request, the requester's appeal: pending again, before whoever the denial names to hear it, in a
 * stage of its own that may override the denial.
 */
final class Escalating {

    /** How long an appeal waits for its hearing before it expires. */
    static final Duration APPEAL_EXPIRY = DecisionProcedure.DEFAULT_EXPIRY;

    private final Parts parts;

    Escalating(Parts parts) {
        this.parts = parts;
    }

    StoredRequest escalate(String id, String actor, String reason, Signature signature) {
        return parts.writes().transition(id, cur -> cur.status() == RequestStatus.DENIED
                ? appeal(cur, actor, reason, signature) : step(cur, actor, reason, signature));
    }

    private Change step(StoredRequest cur, String actor, String reason, Signature signature) {
        Instant now = parts.clock().instant();
        int si = Parts.requireOpen(cur, now, "escalate");
        StageState stage = cur.stages().get(si);
        String authority = actor.equals(cur.requester()) ? "requester"
                : parts.eligibility().of(cur, stage, si, actor, now).authority();
        List<String> targets = Eligibility.targets(stage);
        if (targets.isEmpty()) {
            throw new RefusedException(Refusal.NO_ESCALATION_PATH, "stage " + (si + 1) + " has no escalation path:"
                    + " the policy names nobody to escalate to");
        }
        if (stage.escalatedTo().containsAll(targets)) {
            throw new RefusedException(Refusal.ALREADY_ESCALATED, "stage " + (si + 1) + " is already escalated to "
                    + String.join(", ", targets));
        }
        Map<String, Object> signing = parts.signing().decision(cur, Act.escalate(reason), actor, signature, now);
        List<StageState> stages = new ArrayList<>(cur.stages());
        stages.set(si, stage.escalatedAlsoTo(targets));
        ApprovalDecision d = PersonDecision.of(cur, actor, DecisionKind.ESCALATED, now, signing).why(reason)
                .as(Parts.level(cur, si), authority).stage(si + 1).escalationReason(reason).record();
        return Chain.decided(Draft.from(cur).stages(stages).updatedAt(now), now, actor, d,
                EventType.REQUEST_ESCALATED);
    }

    private Change appeal(StoredRequest cur, String actor, String reason, Signature signature) {
        Instant now = parts.clock().instant();
        if (!actor.equals(cur.requester())) {
            throw new RefusedException(Refusal.NOT_REQUESTER, "only the requester may appeal a denial");
        }
        if (cur.appealTo().isEmpty()) {
            throw new RefusedException(Refusal.NOT_APPEALABLE, "this denial cannot be appealed: nobody is named to"
                    + " hear an appeal");
        }
        Map<String, Object> signing = parts.signing().decision(cur, Act.escalate(reason), actor, signature, now);
        String denial = parts.store().history(cur.id()).map(Escalating::lastDenial).orElse(null);
        StageState hearing = new StageState(1, cur.appealTo(), List.of("appeal"), List.of(), List.of(), Map.of(),
                List.of(), now, null, denial != null ? denial : "policy");
        List<StageState> stages = new ArrayList<>(cur.stages());
        stages.add(hearing);
        ApprovalDecision d = PersonDecision.of(cur, actor, DecisionKind.ESCALATED, now, signing).why(reason)
                .as(ApprovalLevel.OVERRIDE, "requester").stage(stages.size()).overrides(denial)
                .escalationReason(reason).record();
        Draft next = Draft.from(cur).status(RequestStatus.PENDING).stages(stages).appealTo(List.of())
                .expiresAt(now.plus(APPEAL_EXPIRY)).rationale("Appealed: " + reason).updatedAt(now);
        return Chain.decided(next, now, actor, d, EventType.REQUEST_ESCALATED);
    }

    private static String lastDenial(History h) {
        String id = null;
        for (ApprovalDecision d : h.decisions()) {
            if (d.decision() == DecisionKind.DENIED) {
                id = d.decisionId();
            }
        }
        return id;
    }
}
