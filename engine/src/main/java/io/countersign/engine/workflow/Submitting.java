package io.countersign.engine.workflow;

import io.countersign.engine.decide.Decision;
import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.EventType;
import io.countersign.engine.model.Creation;
import io.countersign.engine.model.Draft;
import io.countersign.engine.model.Precedent;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.precedent.PrecedentFinder;
import io.countersign.engine.precedent.PrecedentSummary;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.request.InvalidRequestException;
import io.countersign.engine.request.RequestValidation;
import io.countersign.engine.request.StoredSize;
import io.countersign.engine.signing.Signature;
import io.countersign.engine.signing.Statement;
import io.countersign.engine.store.ConflictException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Submission: a request validated, completed from the directory, decided by policy and stored with
 * policy's decision when it decides at once, and with its precedents ({@link PrecedentFinder}).
 * Idempotent by id: the same request under the same id is answered with the stored one, another under
 * that id is refused.
 */
final class Submitting {

    private final Parts parts;
    private final Writes writes;
    private final PrecedentFinder precedents;

    Submitting(Parts parts, PrecedentFinder precedents) {
        this.parts = parts;
        this.writes = parts.writes();
        this.precedents = precedents;
    }

    /** @param signature null for an unsigned request, which only a policy that allows it accepts */
    StoredRequest submit(AccessRequest request, Signature signature) {
        if (request.at() != null) {
            // The instant decides time windows: a client that could set it could pick its own hour.
            throw new InvalidRequestException("at", "is set by the engine when a request is submitted");
        }
        StoredSize.check(RequestValidation.validate(request));
        if (signature != null && request.id() == null) {
            throw new InvalidRequestException("id", "is required with a signed request: the signature covers it");
        }
        Instant now = parts.clock().instant();
        String id = request.id() != null ? request.id() : UUID.randomUUID().toString();
        AccessRequest asked = request.id() != null ? request : request.withId(id);
        AccessRequest r = parts.directory().complete(asked.at(now.atOffset(ZoneOffset.UTC)));
        Decision decision = parts.authorizer().decideAndRecord(r);
        Evaluation e = decision.evaluation();
        boolean acceptsUnsigned = parts.authorizer().policySet().acceptsUnsigned(e.rules());
        Map<String, Object> signed = parts.signing().check(parts.signing().submission(asked, e.policyVersion(),
                acceptsUnsigned, now), signature, acceptsUnsigned, now, "request");
        // Found by the service, not asked by the requester: outside what they sign, inside the seal and the chain.
        List<Precedent> found = precedents.find(r, now);
        StoredRequest created = Draft.from(Creation.of(r, e, now, acceptsUnsigned, parts.directory().digest(),
                parts.authorizer().policySet().controls(e.rules()))).precedents(found).build();
        ApprovalDecision byPolicy = decision.record() == null ? null
                : decision.record().toBuilder().precedentIds(PrecedentSummary.ids(found)).build();
        List<ApprovalDecision> decisions = byPolicy == null ? List.of() : List.of(byPolicy);
        Chain chain = Chain.first(created, now);
        chain.add(EventType.REQUEST_CREATED, r.requester(), null, signed);
        if (byPolicy != null) {
            chain.add(EventType.DECISION_RECORDED, ApprovalDecision.POLICY, byPolicy);
            chain.add(created.status() == RequestStatus.APPROVED ? EventType.REQUEST_APPROVED
                    : EventType.REQUEST_DENIED, ApprovalDecision.POLICY, byPolicy);
        }
        if (BreakGlass.used(created)) {
            chain.add(EventType.BREAKGLASS_USED, ApprovalDecision.POLICY, null, null, Map.of("approvers",
                    BreakGlass.approvers(parts.authorizer().policySet(), created), "rules", created.rules()));
        }
        StoredRequest stored = chain.request();
        try {
            parts.store().create(chain.change(decisions));
            return stored;
        } catch (ConflictException exists) {
            StoredRequest previous = parts.store().get(id).orElseThrow(() -> exists);
            if (sameSubmission(previous, r)) {
                return writes.verified(id);
            }
            throw new RefusedException(Refusal.ID_IN_USE, "a different request with the id '" + id + "' exists");
        }
    }

    /**
     * The statement a requester signs to submit {@code request} (which names its id) at {@code signedAt}:
     * what they ask and assert, and the facts of policy for it as it decides the request now.
     */
    Statement submission(AccessRequest request, Instant signedAt) {
        if (request.id() == null) {
            throw new InvalidRequestException("id", "is required with a signed request: the signature covers it");
        }
        Evaluation e = parts.authorizer().decide(parts.directory().complete(request.at(signedAt.atOffset(
                ZoneOffset.UTC))));
        return parts.signing().submission(request, e.policyVersion(),
                parts.authorizer().policySet().acceptsUnsigned(e.rules()), signedAt);
    }

    private static boolean sameSubmission(StoredRequest s, AccessRequest r) {
        return s.requester().equals(r.requester()) && s.profile().equals(r.profile())
                && s.permissions().equals(r.permissions()) && s.duration().equals(r.duration())
                && Objects.equals(s.startAt(), r.startAt()) && Objects.equals(s.justification(), r.justification())
                && Objects.equals(s.ticket(), r.ticket()) && s.context().equals(r.context());
    }
}
