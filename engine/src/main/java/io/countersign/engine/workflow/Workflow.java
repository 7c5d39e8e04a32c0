package io.countersign.engine.workflow;

import io.countersign.engine.Authorizer;
import io.countersign.engine.access.AccessAnswer;
import io.countersign.engine.access.AccessCheck;
import io.countersign.engine.access.AccessQuestion;
import io.countersign.engine.directory.Directory;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.precedent.PrecedentFinder;
import io.countersign.engine.precedent.PrecedentSettings;
import io.countersign.engine.readout.Readout;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.request.InvalidRequestException;
import io.countersign.engine.request.StoredSize;
import io.countersign.engine.seal.Sealer;
import io.countersign.engine.signing.PublicKeys;
import io.countersign.engine.signing.Signature;
import io.countersign.engine.signing.Statement;
import io.countersign.engine.store.History;
import io.countersign.engine.store.Listing;
import io.countersign.engine.store.Page;
import io.countersign.engine.store.Store;
import io.countersign.engine.verify.Evidence;
import io.countersign.engine.verify.PolicyJudge;
import io.countersign.engine.verify.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The life of a request over one store: the entry to its transitions, each in a class of its own —
 * {@link Submitting}, {@link Approving}, {@link Denying}, {@link Delegating}, {@link Escalating} (and
 * appeals), {@link Cancelling}, {@link Revoking}, {@link Sweeping}, reached through {@link Transitions}
 * with their arguments checked — over the shared rules:
 * {@link Eligibility}, {@link Tightening}, {@link Signing}, {@link Chain} (the events) and {@link Writes}
 * (every change one conditional write, retried against what a concurrent winner wrote). Embedders use
 * {@link io.countersign.engine.Countersign}; this is its workflow.
 *
 * <p>The overloads without a signature act unsigned, which only a policy that says {@code allow unsigned
 * decisions} accepts.
 */
public final class Workflow {

    /** How long an access check asks for when it evaluates policy: a session, not a standing grant. */
    public static final Duration ACCESS_CHECK_DURATION = AccessCheck.SESSION;
    /** How long an appeal waits for its hearing before it expires. */
    public static final Duration APPEAL_EXPIRY = Escalating.APPEAL_EXPIRY;
    /** The actor of transitions the sweep makes. */
    public static final String SWEEP = Sweeping.ACTOR;
    /** How far a signature's {@code signedAt} may lie from the workflow's clock: a signed decision is not kept for later. */
    public static final Duration SIGNATURE_SKEW = Signing.SKEW;

    private final Store store;
    private final Parts parts;
    private final Transitions transitions;
    private final Evidence acting;
    private final AccessCheck access;
    private final PrecedentFinder precedents;

    /** A workflow that knows no public keys: only policies that {@code allow unsigned decisions} let people decide. */
    public Workflow(Authorizer authorizer, Store store, Directory directory, Clock clock) {
        this(authorizer, store, directory, PublicKeys.NONE, clock);
    }

    /** A workflow checking people's signed decisions against {@code keys} (the policy repository's {@code keys/}). */
    public Workflow(Authorizer authorizer, Store store, Directory directory, PublicKeys keys, Clock clock) {
        this.store = Objects.requireNonNull(store);
        Objects.requireNonNull(keys);
        Sealer sealer = Sealer.of(store);
        this.acting = new Evidence(keys, sealer, PolicyJudge.acting(authorizer, directory));
        this.parts = new Parts(Objects.requireNonNull(authorizer), store, Objects.requireNonNull(directory),
                Objects.requireNonNull(clock), new Signing(authorizer.policySet(), keys, directory.digest()),
                new Eligibility(directory), new Writes(store, acting));
        this.transitions = new Transitions(parts);
        this.access = new AccessCheck(authorizer, store, directory,
                Evidence.remembering(keys, sealer, PolicyJudge.gateway(authorizer, directory)), clock);
        this.precedents = new PrecedentFinder(store, PrecedentSettings.DEFAULT);
    }

    private Workflow(Workflow w, PrecedentSettings precedents) {
        this.store = w.store;
        this.parts = w.parts;
        this.transitions = w.transitions;
        this.acting = w.acting;
        this.access = w.access;
        this.precedents = new PrecedentFinder(w.store, precedents);
    }

    /** This workflow seeking precedents at submission as {@code settings} say ({@link PrecedentSettings#DEFAULT} otherwise). */
    public Workflow withPrecedents(PrecedentSettings settings) {
        return new Workflow(this, settings);
    }

    public PrecedentSettings precedents() {
        return precedents.settings();
    }

    public Store store() {
        return store;
    }

    /**
     * Validates, evaluates and stores a request (idempotent by id).
     *
     * @throws InvalidRequestException naming the field at fault
     * @throws RefusedException when the deciding policy requires signed requests, or the id is taken
     */
    public StoredRequest submit(AccessRequest request) {
        return new Submitting(parts, precedents).submit(request, null);
    }

    /** {@link #submit(AccessRequest)}, signed by the requester over {@link #submission} (which names its id). */
    public StoredRequest submit(AccessRequest request, Signature signature) {
        return new Submitting(parts, precedents).submit(request, signed(signature));
    }

    /** The statement a requester signs to submit {@code request} (which names its id) at {@code signedAt}. */
    public Statement submission(AccessRequest request, Instant signedAt) {
        return new Submitting(parts, precedents).submission(request, signedAt);
    }

    public StoredRequest approve(String id, String actor, Terms terms) {
        return transitions.approving(id, actor, terms, null);
    }

    /** An approval toward the open stage, with terms that may only tighten the grant ({@link Approving}). */
    public StoredRequest approve(String id, String actor, Terms terms, Signature signature) {
        return transitions.approving(id, actor, terms, signed(signature));
    }

    /** {@link #approve(String, String, Terms)} by an actor, signed when they carry a signature. */
    public StoredRequest approve(String id, Actor actor, Terms terms) {
        return transitions.approving(id, actor.user(), terms, actor.signature().orElse(null));
    }

    /** One denial denies the request ({@link Denying}); the rationale is required. */
    public StoredRequest deny(String id, Actor actor, String rationale) {
        Transitions.requireText("rationale", rationale);
        return deny(id, actor, Terms.because(rationale));
    }

    /** A denial with the decider's remarks; {@code terms} names the rationale and changes no grant. */
    public StoredRequest deny(String id, Actor actor, Terms terms) {
        return transitions.denying(id, actor.user(), terms, actor.signature().orElse(null));
    }

    /** An approver gives their place in the open stage to {@code to} ({@link Delegating}). */
    public StoredRequest delegate(String id, Actor actor, String to) {
        return transitions.delegating(id, actor.user(), to, actor.signature().orElse(null));
    }

    /** Escalates a pending request's open stage now, or appeals a denial ({@link Escalating}). */
    public StoredRequest escalate(String id, Actor actor, String reason) {
        return transitions.escalating(id, actor.user(), reason, actor.signature().orElse(null));
    }

    public StoredRequest cancel(String id, String actor) {
        return transitions.cancelling(id, actor, null);
    }

    /** The requester withdraws a pending request ({@link Cancelling}). */
    public StoredRequest cancel(String id, String actor, Signature signature) {
        return transitions.cancelling(id, actor, signed(signature));
    }

    /** {@link #cancel(String, String)} by an actor, signed when they carry a signature. */
    public StoredRequest cancel(String id, Actor actor) {
        return transitions.cancelling(id, actor.user(), actor.signature().orElse(null));
    }

    /** Ends an active grant now ({@link Revoking}); the reason is required. */
    public StoredRequest revoke(String id, Actor actor, String reason) {
        return transitions.revoking(id, actor.user(), reason, actor.signature().orElse(null));
    }

    /**
     * An auditor's note on a decision of request {@code id}, made later ({@link Noting}): a signed event
     * chained after the request's last that changes nothing of the request; the decision's
     * {@code auditNotes} is read from such events.
     *
     * @param decisionId the decision annotated; null for the request's newest
     */
    public StoredRequest note(String id, Actor actor, String decisionId, String text) {
        return act(id, actor, Act.note(decisionId, text));
    }

    /** The signature a signed overload was given: null is refused there, not taken for unsigned. */
    private static Signature signed(Signature signature) {
        return Objects.requireNonNull(signature, "signature: use the overload without one to act unsigned");
    }

    /** Takes {@code act} on request {@code id} as {@code actor}, signed when the actor carries a signature. */
    public StoredRequest act(String id, Actor actor, Act act) {
        Objects.requireNonNull(id, "id");
        return act.accept(new Acting(transitions, id, actor));
    }

    /**
     * Marks follow-up {@code followUpId} ({@code REQUEST-ID/N}) done, with evidence (links, ticket
     * references), signed when the actor carries a signature ({@link FollowingUp}).
     *
     * @throws InvalidRequestException for an id that names no follow-up, or no evidence
     * @throws RefusedException when the actor may not, or it is done already
     */
    public StoredRequest followUpDone(String followUpId, Actor actor, List<String> evidence) {
        return new FollowingUp(parts).done(followUpId, actor, StoredSize.names("evidence", evidence));
    }

    /** The statement {@code actor} signs to mark follow-up {@code followUpId} done with {@code evidence}. */
    public Statement followUpStatement(String followUpId, String actor, List<String> evidence, Instant signedAt) {
        return new FollowingUp(parts).statement(followUpId, actor, evidence, signedAt);
    }

    /**
     * One page of the follow-ups not yet done, earliest due first, from the store's follow-up index.
     *
     * @param overdueOnly only those past their due date now
     * @param as null for everyone's; else only those {@code as} may mark done (requested or approved by them)
     * @param cursor null, or a previous page's {@link Page#next()}; a page may hold fewer than
     *     {@code limit} (a request holds several follow-ups, and {@code as} filters)
     */
    public Page<FollowUps.Open> followUps(boolean overdueOnly, String as, String cursor, int limit) {
        return FollowUps.page(store, parts.clock().instant(), overdueOnly, as, cursor, limit);
    }

    /** Expiry, due escalations, ends of access, reviews and follow-ups due ({@link Sweeping}). */
    public SweepReport sweep() {
        return new Sweeping(parts).sweep();
    }

    /**
     * May {@code requester} use {@code profile} (with {@code permissions}) at {@code at}? See
     * {@link AccessCheck}; to ask about now, ask {@link #checkAccess(AccessQuestion)} without an instant.
     */
    public AccessAnswer checkAccess(String requester, String profile, List<String> permissions, Instant at) {
        return access.check(AccessQuestion.of(requester, profile)
                .withPermissions(Objects.requireNonNull(permissions, "permissions: List.of() for none"))
                .at(Objects.requireNonNull(at, "at: checkAccess(AccessQuestion.of(requester, profile)) asks about now")));
    }

    /** {@link #checkAccess(String, String, List, Instant)} asked by name. */
    public AccessAnswer checkAccess(AccessQuestion question) {
        return access.check(question);
    }

    /**
     * The request as its verified record says it is.
     *
     * @throws RefusedException ({@link Refusal#UNVERIFIED}) when the record is not evidence
     */
    public StoredRequest get(String id) {
        return parts.writes().verified(id);
    }

    /** Checks a request's record as the workflow does before acting on it. */
    public Verdict verify(History h) {
        return acting.check(h);
    }

    /** Checks the record the store holds as request {@code id} as the workflow does before acting on it. */
    public Verdict verify(String id, History h) {
        return acting.check(id, h);
    }

    public History show(String id) {
        return store.history(id).orElseThrow(() -> new UnknownRequestException(id));
    }

    /**
     * A request's record as read: its history as stored, and its decisions with {@code notificationsSent}
     * (the dispatcher's delivery record) and {@code auditNotes} (the audit notes) filled in ({@link Readout}).
     */
    public Readout readout(String id) {
        History h = show(id);
        return Readout.of(h, store.deliveredTo(id));
    }

    /** The first page of a listing, newest first. */
    public Page<StoredRequest> list(Listing listing, int limit) {
        return store.list(listing, null, limit);
    }

    /** The page after {@code cursor}, a previous page's {@link Page#next()}. */
    public Page<StoredRequest> list(Listing listing, String cursor, int limit) {
        Objects.requireNonNull(cursor, "cursor: use list(listing, limit) for the first page");
        return store.list(listing, cursor, limit);
    }

    /** The inbox keys of a user: themselves and their groups. */
    public List<String> principalsOf(String user) {
        return parts.eligibility().principalsOf(user);
    }

    /**
     * The statement {@code actor} signs to take {@code act} on {@code request}: what a client signs with
     * {@link io.countersign.engine.signing.SigningKey#sign} and what the workflow rebuilds to check it.
     *
     * @throws RefusedException for an approval whose terms would widen the grant
     */
    public Statement statement(StoredRequest request, String actor, Act act, Instant signedAt) {
        return transitions.statement(request, actor, act, signedAt);
    }
}
