package io.countersign.engine.workflow;

import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.decision.ApprovalLevel;
import io.countersign.engine.decision.DecisionKind;
import io.countersign.engine.event.EventType;
import io.countersign.engine.model.Draft;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.signing.Signature;
import io.countersign.engine.store.Change;
import java.time.Instant;
import java.util.Map;

/**
 * Revocation: an active grant ends now. The requester may give it up; anyone who approved it, or could
 * have approved one of its stages, may take it back. The reason is required. A grant revoked before its
 * window opened ends where it would have begun.
 */
final class Revoking {

    private final Parts parts;

    Revoking(Parts parts) {
        this.parts = parts;
    }

    StoredRequest revoke(String id, String actor, String reason, Signature signature) {
        return parts.writes().transition(id, cur -> step(cur, actor, reason, signature));
    }

    private Change step(StoredRequest cur, String actor, String reason, Signature signature) {
        Instant now = parts.clock().instant();
        if (cur.status() != RequestStatus.APPROVED) {
            throw new RefusedException(Refusal.WRONG_STATE, "the request is " + cur.status() + ": only an approved"
                    + " grant can be revoked");
        }
        if (!now.isBefore(cur.accessEnd())) {
            throw new RefusedException(Refusal.ACCESS_ENDED, "the access window ended at " + cur.accessEnd()
                    + ": nothing to revoke");
        }
        String authority = parts.eligibility().revoker(cur, actor);
        Map<String, Object> signing = parts.signing().decision(cur, Act.revoke(reason), actor, signature, now);
        ApprovalDecision d = PersonDecision.of(cur, actor, DecisionKind.REVOKED, now, signing).why(reason)
                .as(ApprovalLevel.FINAL, authority).expiry(now).revocationReason(reason).record();
        Draft next = Draft.from(cur).status(RequestStatus.REVOKED)
                .accessEnd(now.isBefore(cur.accessStart()) ? cur.accessStart() : now).updatedAt(now);
        return Chain.decided(next, now, actor, d, EventType.REQUEST_REVOKED);
    }
}
