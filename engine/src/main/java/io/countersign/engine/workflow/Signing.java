package io.countersign.engine.workflow;

import io.countersign.engine.model.StoredRequest;

import io.countersign.engine.json.Json;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.signing.PublicKeys;
import io.countersign.engine.signing.Signature;
import io.countersign.engine.signing.Statement;
import io.countersign.engine.signing.Statement.Action;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements people sign and the check of their signatures. A statement is built from the action's
 * own arguments, the request as stored and the facts of policy — what the policy set says of unsigned
 * actions, never what the stored request says — so a signature over anything else does not verify.
 */
final class Signing {

    /** How far a signature's {@code signedAt} may lie from the workflow's clock: a signed decision is not kept for later. */
    static final Duration SKEW = Duration.ofMinutes(5);

    private final PolicySet policies;
    private final PublicKeys keys;
    /** The digest of the directory decisions rely on; null when it has none. */
    private final String directoryVersion;

    Signing(PolicySet policies, PublicKeys keys, String directoryVersion) {
        this.policies = policies;
        this.keys = keys;
        this.directoryVersion = directoryVersion;
    }

    /**
     * A person's decision's signature checked (or its absence accepted) and the directory it relied on,
     * as the decision's metadata.
     */
    Map<String, Object> decision(StoredRequest cur, Act act, String actor, Signature signature, Instant now) {
        String to = act instanceof Act.Delegate d ? d.to() : null;
        Map<String, Object> out = new LinkedHashMap<>(check(statement(cur, act.action(), actor, act.terms(), to, now),
                signature, cur.acceptsUnsigned(), now, "decision"));
        if (directoryVersion != null) {
            out.put("directoryVersion", directoryVersion);
        }
        return out;
    }

    /**
     * The facts an action on {@code r} is acceptable under: the policy set that decided it, and whether
     * this policy set accepts unsigned actions on requests its rules decided.
     */
    Statement.Facts facts(StoredRequest r) {
        return new Statement.Facts(r.policyVersion(), policies.acceptsUnsigned(r.rules()));
    }

    /** The statement of an action on a stored request; an approval's names the grant it leaves. */
    Statement statement(StoredRequest r, Action action, String actor, Terms terms, String to, Instant signedAt) {
        Terms t = terms == null ? Terms.NONE : terms;
        Statement.Grant grant = null;
        if (action == Action.APPROVE) {
            StoredRequest.Grant g = Tightening.of(r.grant(), t).grant();
            grant = new Statement.Grant(g.duration(), g.permissions(), g.conditions(), g.stipulations());
        }
        return new Statement(action, r.id(), Statement.subject(Json.mapper().valueToTree(r)), actor, t.rationale(),
                t.duration(), t.permissions(), t.conditions(), t.stipulations(), t.comments(), t.confidenceLevel(),
                t.consultedParties(), t.evidenceProvided(), to, grant, facts(r), signedAt);
    }

    /** The statement of a submission: the request as sent (its id included), under the facts policy gives it. */
    Statement submission(AccessRequest r, String policyVersion, boolean acceptsUnsigned, Instant signedAt) {
        return new Statement(Action.SUBMIT, r.id(), Statement.submission(Json.mapper().valueToTree(r)), r.requester(),
                null, null, List.of(), Map.of(), List.of(), null, null,
                new Statement.Facts(policyVersion, acceptsUnsigned), signedAt);
    }

    /**
     * Checks a person's signature over {@code expected}, or that policy accepts the action unsigned,
     * and says so as a decision's (or an event's) record of it: {@code signed}, and for a signed one the
     * statement, the key's fingerprint and the signature, so anyone holding the public keys can check it again.
     *
     * @param expected the statement with the workflow's clock; the signature's own instant replaces it
     * @param stored what the stored request says of unsigned actions: an action is refused when the
     *     policy set now says otherwise (it changed since the request was submitted)
     * @param what the kind of action, for a refusal: "decision", "request", "cancellation"
     */
    Map<String, Object> check(Statement expected, Signature signature, boolean stored, Instant now, String what) {
        String actor = expected.actor();
        boolean accepts = expected.facts().acceptsUnsigned();
        if (accepts != stored) {
            throw new RefusedException(Refusal.POLICY_CHANGED, "the policy set now " + (accepts ? "accepts" : "requires signed")
                    + " actions on this request, which was submitted when it " + (stored ? "accepted unsigned ones"
                    : "required signed ones") + ": submit the request again");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (signature == null) {
            if (!accepts) {
                throw new RefusedException(Refusal.SIGNATURE_REQUIRED, "the policy for this request requires signed " + what + "s, and " + actor
                        + "'s carries no signature (make a key with: countersign keys init --as " + actor + ")");
            }
            out.put("signed", false);
            return out;
        }
        Duration skew = Duration.between(signature.signedAt(), now).abs();
        if (skew.compareTo(SKEW) > 0) {
            throw new RefusedException(Refusal.SIGNATURE_STALE, actor + "'s signature was made at " + signature.signedAt() + ", more than "
                    + SKEW.toMinutes() + " minutes from now (" + now + "): sign the " + what + " again");
        }
        List<PublicKey> candidates = keys.active(actor);
        if (candidates.isEmpty()) {
            throw new RefusedException(Refusal.UNKNOWN_KEY, "no public key for " + actor + " in the policy repository (keys/" + actor
                    + ".pub): their signature cannot be checked");
        }
        Statement signed = expected.signedAt(signature.signedAt());
        for (PublicKey k : candidates) {
            if (signed.verifies(k, signature)) {
                Map<String, Object> seal = new LinkedHashMap<>();
                seal.put("algorithm", "Ed25519");
                seal.put("key", PublicKeys.fingerprint(k));
                seal.put("statement", signed.canonical());
                seal.put("value", signature.value());
                out.put("signed", true);
                out.put("signature", seal);
                return out;
            }
        }
        throw new RefusedException(Refusal.SIGNATURE_INVALID, actor + "'s signature does not verify with keys/" + actor + ".pub: it was made with"
                + " another key, or over another " + what);
    }
}
