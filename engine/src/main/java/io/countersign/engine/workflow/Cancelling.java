package io.countersign.engine.workflow;

import io.countersign.engine.event.EventType;
import io.countersign.engine.model.Draft;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.signing.Signature;
import io.countersign.engine.signing.Statement.Action;
import io.countersign.engine.store.Change;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Cancellation: the requester withdraws a pending request, signed where policy wants actions signed.
 * It decides nothing, so it records no decision: one event, carrying the signature.
 */
final class Cancelling {

    private final Parts parts;

    Cancelling(Parts parts) {
        this.parts = parts;
    }

    StoredRequest cancel(String id, String actor, Signature signature) {
        return parts.writes().transition(id, cur -> step(cur, actor, signature));
    }

    private Change step(StoredRequest cur, String actor, Signature signature) {
        Instant now = parts.clock().instant();
        if (!actor.equals(cur.requester())) {
            throw new RefusedException(Refusal.NOT_REQUESTER, "only the requester (" + cur.requester()
                    + ") may cancel this request");
        }
        if (cur.status() != RequestStatus.PENDING) {
            throw new RefusedException(Refusal.WRONG_STATE, "the request is " + cur.status() + ", not pending: only"
                    + " a pending request can be cancelled");
        }
        Signing signing = parts.signing();
        Map<String, Object> signed = signing.check(signing.statement(cur, Action.CANCEL, actor, Terms.NONE, null, now),
                signature, cur.acceptsUnsigned(), now, "cancellation");
        Chain chain = Chain.next(Draft.from(cur).status(RequestStatus.CANCELLED).expiresAt(null).updatedAt(now), now);
        chain.add(EventType.REQUEST_CANCELLED, actor, null, signed);
        return chain.change(List.of());
    }
}
