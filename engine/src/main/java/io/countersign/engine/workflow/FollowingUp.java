package io.countersign.engine.workflow;

import io.countersign.engine.event.EventType;
import io.countersign.engine.model.Draft;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.model.TrackedFollowUp;
import io.countersign.engine.request.InvalidRequestException;
import io.countersign.engine.signing.Signature;
import io.countersign.engine.signing.Statement;
import io.countersign.engine.signing.Statement.Action;
import io.countersign.engine.store.Change;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A follow-up marked done, with evidence: the requester (who owes it) or anyone who approved the grant
 * may, nobody else. Signed where policy wants actions signed. It decides nothing, so it records no
 * decision: one event, {@code followup.done}, naming the follow-up and carrying the signature. Done is
 * final: a follow-up is marked done once. The request's status does not matter: a follow-up outlives
 * the grant it came with.
 */
final class FollowingUp {

    private final Parts parts;

    FollowingUp(Parts parts) {
        this.parts = parts;
    }

    /** {@link Workflow#followUpDone}: the actor, the id and the evidence checked, in that order. */
    StoredRequest done(String followUpId, Actor actor, List<String> evidence) {
        Transitions.requireActor(actor.user());
        FollowUps.Ref ref = FollowUps.parse(followUpId);
        return done(ref, actor.user(), requireEvidence(evidence), actor.signature().orElse(null));
    }

    private StoredRequest done(FollowUps.Ref ref, String actor, List<String> evidence, Signature signature) {
        return parts.writes().transition(ref.requestId(), cur -> step(cur, ref.number(), actor, evidence, signature));
    }

    /**
     * {@link Workflow#followUpStatement}: the id parsed, the request read as its verified record says it is,
     * the evidence checked.
     */
    Statement statement(String followUpId, String actor, List<String> evidence, Instant signedAt) {
        FollowUps.Ref ref = FollowUps.parse(followUpId);
        return statement(parts.writes().verified(ref.requestId()), ref.number(), actor, requireEvidence(evidence),
                signedAt);
    }

    /** The statement {@code actor} signs to mark follow-up {@code number} of {@code r} done with {@code evidence}. */
    private Statement statement(StoredRequest r, int number, String actor, List<String> evidence, Instant signedAt) {
        return parts.signing().statement(r, Action.FOLLOW_UP, actor, Terms.because(FollowUps.id(r.id(), number))
                .withEvidenceProvided(evidence), null, signedAt);
    }

    /** The evidence of a follow-up marked done: at least one item, none blank. */
    private static List<String> requireEvidence(List<String> evidence) {
        if (evidence == null || evidence.isEmpty() || evidence.stream().anyMatch(e -> e == null || e.isBlank())) {
            throw new InvalidRequestException("evidence", "is required: say what shows it done (a link, a ticket)");
        }
        return List.copyOf(evidence);
    }

    private Change step(StoredRequest cur, int number, String actor, List<String> evidence, Signature signature) {
        Instant now = parts.clock().instant();
        List<TrackedFollowUp> all = new ArrayList<>(cur.trackedFollowUps());
        if (number > all.size()) {
            throw new InvalidRequestException("followUp", "request " + cur.id() + " has " + (all.isEmpty()
                    ? "no tracked follow-ups" : "follow-ups 1 to " + all.size() + " only"));
        }
        TrackedFollowUp f = all.get(number - 1);
        if (!actor.equals(cur.requester()) && !cur.approvers().contains(actor)) {
            throw new RefusedException(Refusal.NOT_ELIGIBLE, actor + " may not mark this follow-up done: only the"
                    + " requester (" + cur.requester() + ") and those who approved the grant may");
        }
        if (f.done()) {
            throw new RefusedException(Refusal.WRONG_STATE, "follow-up " + FollowUps.id(cur.id(), number)
                    + " was marked done by " + f.doneBy() + " at " + f.doneAt());
        }
        Signing signing = parts.signing();
        Map<String, Object> signed = signing.check(statement(cur, number, actor, evidence, now), signature,
                cur.acceptsUnsigned(), now, "follow-up");
        all.set(number - 1, f.doneBy(actor, now, evidence));
        Chain chain = Chain.next(Draft.from(cur).followUps(all).updatedAt(now), now);
        chain.add(EventType.FOLLOWUP_DONE, actor, null, signed, Map.of("followUp", FollowUps.describe(cur.id(),
                number, all.get(number - 1))));
        return chain.change(List.of());
    }
}
