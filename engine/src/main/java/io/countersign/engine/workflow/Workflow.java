package io.countersign.engine.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.Authorizer;
import io.countersign.engine.access.AccessAnswer;
import io.countersign.engine.decide.Decision;
import io.countersign.engine.decide.DecisionProcedure;
import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.decide.Outcome;
import io.countersign.engine.decide.StageRequirement;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.decision.ApprovalLevel;
import io.countersign.engine.decision.DecisionKind;
import io.countersign.engine.directory.Directory;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.event.EventType;
import io.countersign.engine.json.Json;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.request.InvalidRequestException;
import io.countersign.engine.request.RequestValidation;
import io.countersign.engine.signing.PublicKeys;
import io.countersign.engine.signing.Signature;
import io.countersign.engine.signing.Statement;
import io.countersign.engine.signing.Statement.Action;
import io.countersign.engine.store.Change;
import io.countersign.engine.store.ConflictException;
import io.countersign.engine.store.History;
import io.countersign.engine.store.Listing;
import io.countersign.engine.store.Page;
import io.countersign.engine.store.Store;
import io.countersign.engine.seal.Sealer;
import io.countersign.engine.verify.Evidence;
import io.countersign.engine.verify.PolicyJudge;
import io.countersign.engine.verify.Verdict;
import io.countersign.engine.workflow.StoredRequest.Approval;
import io.countersign.engine.workflow.StoredRequest.StageState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The life of a request: submitted and evaluated, approved stage by stage, denied, delegated,
 * escalated or appealed, cancelled, revoked, expired. Every rule is checked here, against the request
 * as stored, and every change is one conditional write: two approvers acting at once cannot both win
 * against the same version, so no quorum is met by one person twice and no decision is lost — the
 * loser re-reads and is judged again against what the winner wrote.
 */
public final class Workflow {

    /** How long an access check asks for when it evaluates policy: a session, not a standing grant. */
    public static final Duration ACCESS_CHECK_DURATION = Duration.ofHours(1);
    /** How long an appeal waits for its hearing before it expires. */
    public static final Duration APPEAL_EXPIRY = DecisionProcedure.DEFAULT_EXPIRY;
    /** A conditional write lost to a concurrent one is retried this often before giving up. */
    private static final int ATTEMPTS = 64;
    /** The actor of transitions the sweep makes. */
    public static final String SWEEP = "sweep";
    /** How far a signature's {@code signedAt} may lie from the workflow's clock: a signed decision is not kept for later. */
    public static final Duration SIGNATURE_SKEW = Duration.ofMinutes(5);

    private final Authorizer authorizer;
    private final Store store;
    private final Directory directory;
    private final Clock clock;
    private final Signing signing;
    /** The check of a request before acting on it. */
    private final Evidence acting;
    /** The check of a grant before the access check allows it. */
    private final Evidence gateway;

    /** A workflow that knows no public keys: only policies that {@code allow unsigned decisions} let people decide. */
    public Workflow(Authorizer authorizer, Store store, Directory directory, Clock clock) {
        this(authorizer, store, directory, PublicKeys.NONE, clock);
    }

    /** A workflow checking people's signed decisions against {@code keys} (the policy repository's {@code keys/}). */
    public Workflow(Authorizer authorizer, Store store, Directory directory, PublicKeys keys, Clock clock) {
        this.authorizer = Objects.requireNonNull(authorizer);
        this.store = Objects.requireNonNull(store);
        this.directory = Objects.requireNonNull(directory);
        this.clock = Objects.requireNonNull(clock);
        this.signing = new Signing(authorizer.policySet(), Objects.requireNonNull(keys));
        Sealer sealer = Sealer.of(store);
        this.acting = new Evidence(keys, sealer, PolicyJudge.acting(authorizer, directory));
        this.gateway = Evidence.remembering(keys, sealer, PolicyJudge.gateway(authorizer, directory));
    }

    public Store store() {
        return store;
    }

    // ---- submit ----------------------------------------------------------------------------------

    /**
     * Validates, evaluates and stores a request; policy's decision is recorded when it decides at once.
     * A request sent again with the same id and content is answered with the stored one (idempotent
     * submission); the same id with other content is refused.
     *
     * @throws InvalidRequestException naming the field at fault
     * @throws RefusedException when the policy that decides the request requires signed requests
     */
    public StoredRequest submit(AccessRequest request) {
        return submit(request, null);
    }

    /**
     * {@link #submit(AccessRequest)}, signed: {@code signature} is the requester's over
     * {@link #submission} of this request, which must then name its id.
     *
     * @param signature null for an unsigned request, which only a policy that allows it accepts
     */
    public StoredRequest submit(AccessRequest request, Signature signature) {
        if (request.at() != null) {
            // The instant decides time windows: a client that could set it could pick its own hour.
            throw new InvalidRequestException("at", "is set by the engine when a request is submitted");
        }
        RequestValidation.validate(request);
        if (signature != null && request.id() == null) {
            throw new InvalidRequestException("id", "is required with a signed request: the signature covers it");
        }
        Instant now = clock.instant();
        String id = request.id() != null ? request.id() : UUID.randomUUID().toString();
        AccessRequest asked = request.id() != null ? request : withId(request, id);
        AccessRequest r = directory.complete(asked.at(now.atOffset(ZoneOffset.UTC)));
        Decision decision = authorizer.decideAndRecord(r);
        Evaluation e = decision.evaluation();
        boolean acceptsUnsigned = authorizer.policySet().acceptsUnsigned(e.rules());
        Map<String, Object> signed = signing.check(signing.submission(asked, e.policyVersion(), acceptsUnsigned, now),
                signature, acceptsUnsigned, now, "request");
        StoredRequest created = Creation.of(r, e, now, acceptsUnsigned, directory.digest());
        List<ApprovalDecision> decisions = decision.record() == null ? List.of() : List.of(decision.record());
        Chain chain = new Chain(created, now);
        chain.add(EventType.REQUEST_CREATED, r.requester(), null, signed);
        if (decision.record() != null) {
            chain.add(EventType.DECISION_RECORDED, ApprovalDecision.POLICY, decision.record());
            chain.add(created.status() == RequestStatus.APPROVED ? EventType.REQUEST_APPROVED
                    : EventType.REQUEST_DENIED, ApprovalDecision.POLICY, decision.record());
        }
        StoredRequest stored = chain.request();
        try {
            store.create(new Change(stored, decisions, chain.events()));
            return stored;
        } catch (ConflictException exists) {
            StoredRequest previous = store.get(id).orElseThrow(() -> exists);
            if (sameSubmission(previous, r)) {
                return get(id);
            }
            throw new RefusedException(Refusal.ID_IN_USE, "a different request with the id '" + id + "' exists");
        }
    }

    /**
     * The statement a requester signs to submit {@code request} (which names its id) at {@code signedAt}:
     * what they ask and assert, and the facts of policy for it — this policy set's digest and whether it
     * accepts unsigned requests of this kind, as it decides the request now.
     */
    public Statement submission(AccessRequest request, Instant signedAt) {
        if (request.id() == null) {
            throw new InvalidRequestException("id", "is required with a signed request: the signature covers it");
        }
        Evaluation e = authorizer.decide(directory.complete(request.at(signedAt.atOffset(ZoneOffset.UTC))));
        return signing.submission(request, e.policyVersion(), authorizer.policySet().acceptsUnsigned(e.rules()),
                signedAt);
    }

    private static AccessRequest withId(AccessRequest r, String id) {
        return new AccessRequest(id, r.requester(), r.groups(), r.attributes(), r.profile(), r.permissions(),
                r.duration(), r.startAt(), r.justification(), r.ticket(), r.context(), r.at());
    }

    private static boolean sameSubmission(StoredRequest s, AccessRequest r) {
        return s.requester().equals(r.requester()) && s.profile().equals(r.profile())
                && s.permissions().equals(r.permissions()) && s.duration().equals(r.duration())
                && Objects.equals(s.startAt(), r.startAt()) && Objects.equals(s.justification(), r.justification())
                && Objects.equals(s.ticket(), r.ticket()) && s.context().equals(r.context());
    }

    // ---- approve / deny ----------------------------------------------------------------------------

    /**
     * Counts {@code actor}'s approval toward the open stage, with their terms; completes the stage when
     * its quorum is met and approves the request when it was the last.
     *
     * @throws RefusedException when the actor is not eligible, has approved already, the request is
     *     not pending, or the terms would widen the grant
     */
    public StoredRequest approve(String id, String actor, Terms terms) {
        return approve(id, actor, terms, null);
    }

    /**
     * {@link #approve(String, String, Terms)}, signed: {@code signature} is the actor's over
     * {@link #statement} of this approval.
     *
     * @param signature null for an unsigned decision, which only a policy that allows it accepts
     */
    public StoredRequest approve(String id, String actor, Terms terms, Signature signature) {
        requireActor(actor);
        return transition(id, cur -> {
            Instant now = clock.instant();
            int si = requireOpen(cur, now, "approve");
            StageState stage = cur.stages().get(si);
            Eligibility el = eligibility(cur, stage, si, actor, now);
            Map<String, Object> signing = signed(cur, Action.APPROVE, actor, terms, null, signature, now);
            if (cur.approvers().contains(actor)) {
                throw new RefusedException(Refusal.ALREADY_DECIDED, actor + " has already approved this request: approvers must be distinct");
            }
            if (el.onBehalfOf() != null && cur.approvers().contains(el.onBehalfOf())) {
                throw new RefusedException(Refusal.ALREADY_DECIDED, el.onBehalfOf() + " has already approved this request: their delegate"
                        + " cannot approve for them again");
            }
            Tightening t = Tightening.of(cur.grant(), terms);
            Draft next = new Draft(cur);
            next.grant = t.grant();
            List<Approval> approvals = new ArrayList<>(stage.approvals());
            String decisionId;
            boolean completes = approvals.size() + 1 >= stage.need();
            boolean last = completes && si == cur.stages().size() - 1;
            Instant start = last ? Creation.accessStart(cur.startAt(), now) : null;
            Instant end = last ? start.plus(t.grant().duration()) : null;
            Instant review = last && t.grant().reviewAfter() != null ? now.plus(t.grant().reviewAfter()) : null;
            PersonDecision.Parts parts = new PersonDecision.Parts(si + 1, cur.policyVersion(), t.addedConditions(),
                    terms.stipulations(), t.narrowed() ? t.grant().permissions() : null, stage.overrides(), null,
                    el.onBehalfOf(), null, review, end, null);
            DecisionKind kind = t.narrowed() ? DecisionKind.PARTIAL : t.tightened() ? DecisionKind.CONDITIONAL
                    : DecisionKind.APPROVED;
            ApprovalDecision d = new PersonDecision(cur.id(), actor, kind, now, terms.rationale(), level(cur, si),
                    el.authority(), signing).record(parts);
            decisionId = d.decisionId();
            approvals.add(new Approval(actor, el.authority(), el.onBehalfOf(), decisionId, now));
            List<StageState> stages = new ArrayList<>(cur.stages());
            stages.set(si, withApprovals(stage, approvals, completes ? now : null));
            if (completes && !last) {
                StageState following = stages.get(si + 1);
                stages.set(si + 1, opened(following, now));
            }
            next.stages = stages;
            next.updatedAt = now;
            if (last) {
                next.status = RequestStatus.APPROVED;
                next.accessStart = start;
                next.accessEnd = end;
                next.reviewDate = review;
                next.expiresAt = null;
            }
            Chain chain = new Chain(next, now);
            chain.add(EventType.DECISION_RECORDED, actor, d);
            if (completes) {
                chain.add(EventType.STAGE_COMPLETED, actor, d);
            }
            if (last) {
                chain.add(EventType.REQUEST_APPROVED, actor, d);
            }
            return new Change(chain.request(), List.of(d), chain.events());
        });
    }

    /** One denial denies the request, whatever the other stages say. The rationale is required. */
    public StoredRequest deny(String id, String actor, String rationale) {
        return deny(id, actor, rationale, null);
    }

    /** {@link #deny(String, String, String)}, signed (null: unsigned). */
    public StoredRequest deny(String id, String actor, String rationale, Signature signature) {
        requireActor(actor);
        requireText("rationale", rationale);
        return transition(id, cur -> {
            Instant now = clock.instant();
            int si = requireOpen(cur, now, "deny");
            StageState stage = cur.stages().get(si);
            Eligibility el = eligibility(cur, stage, si, actor, now);
            Map<String, Object> signing = signed(cur, Action.DENY, actor, Terms.because(rationale), null, signature, now);
            ApprovalDecision d = new PersonDecision(cur.id(), actor, DecisionKind.DENIED, now, rationale,
                    level(cur, si), el.authority(), signing).record(new PersonDecision.Parts(si + 1, cur.policyVersion(), null,
                            null, null, stage.overrides(), null, el.onBehalfOf(), null, null, null, null));
            Draft next = new Draft(cur);
            next.status = RequestStatus.DENIED;
            next.rationale = "Denied by " + actor + ": " + rationale;
            next.updatedAt = now;
            next.expiresAt = null;
            // An appeal goes to whoever the stage escalates to; an appeal already heard is final.
            next.appealTo = stage.overrides() != null ? List.of() : escalationTargets(stage);
            return decided(next, now, actor, d, EventType.REQUEST_DENIED);
        });
    }

    // ---- delegate / escalate -------------------------------------------------------------------------

    /**
     * An eligible approver gives their place in the open stage to {@code to}, unless policy says
     * {@code no delegation}. The delegate approves on their behalf; the two count as one.
     */
    public StoredRequest delegate(String id, String actor, String to) {
        return delegate(id, actor, to, null);
    }

    /** {@link #delegate(String, String, String)}, signed (null: unsigned). */
    public StoredRequest delegate(String id, String actor, String to, Signature signature) {
        requireActor(actor);
        requireText("to", to);
        return transition(id, cur -> {
            Instant now = clock.instant();
            int si = requireOpen(cur, now, "delegate");
            if (!cur.delegation()) {
                throw new RefusedException(Refusal.DELEGATION_FORBIDDEN, "the policy for this request says no delegation");
            }
            StageState stage = cur.stages().get(si);
            Eligibility el = eligibility(cur, stage, si, actor, now);
            if (el.onBehalfOf() != null) {
                throw new RefusedException(Refusal.DELEGATION_FORBIDDEN, actor + " holds a delegated place and cannot pass it on");
            }
            if (to.equals(actor)) {
                throw new RefusedException(Refusal.INVALID_DELEGATE, "cannot delegate to oneself");
            }
            if (cur.approvers().contains(actor)) {
                throw new RefusedException(Refusal.ALREADY_DECIDED, actor + " has already approved this request");
            }
            if (to.equals(cur.requester()) && !cur.selfApproval()) {
                throw new RefusedException(Refusal.OWN_REQUEST, "cannot delegate to the requester: nobody approves their own request");
            }
            if (cur.approvers().contains(to) || stage.delegates().containsKey(to)) {
                throw new RefusedException(Refusal.INVALID_DELEGATE, to + " already holds a place in this request's approvals");
            }
            Map<String, Object> signing = signed(cur, Action.DELEGATE, actor, Terms.NONE, to, signature, now);
            Map<String, String> delegates = new LinkedHashMap<>(stage.delegates());
            delegates.put(to, actor);
            List<StageState> stages = new ArrayList<>(cur.stages());
            stages.set(si, new StageState(stage.need(), stage.from(), stage.rules(), stage.escalations(),
                    stage.escalatedTo(), delegates, stage.approvals(), stage.openedAt(), stage.completedAt(),
                    stage.overrides()));
            ApprovalDecision d = new PersonDecision(cur.id(), actor, DecisionKind.DELEGATED, now,
                    "Delegated to " + to, level(cur, si), el.authority(), signing)
                    .record(new PersonDecision.Parts(si + 1, cur.policyVersion(), null, null, null, null, null, null,
                            to, null, null, null));
            Draft next = new Draft(cur);
            next.stages = stages;
            next.updatedAt = now;
            return decided(next, now, actor, d, EventType.REQUEST_DELEGATED);
        });
    }

    /**
     * For a pending request, opens the open stage to its escalation approvers now, without waiting for
     * {@code escalate after} (the requester or an eligible approver may). For a denied request, the
     * requester's appeal: the request is pending again, before whoever the denial names to hear it.
     */
    public StoredRequest escalate(String id, String actor, String reason) {
        return escalate(id, actor, reason, null);
    }

    /** {@link #escalate(String, String, String)}, signed (null: unsigned). */
    public StoredRequest escalate(String id, String actor, String reason, Signature signature) {
        requireActor(actor);
        requireText("reason", reason);
        return transition(id, cur -> {
            Instant now = clock.instant();
            if (cur.status() == RequestStatus.DENIED) {
                return appeal(cur, actor, reason, signature, now);
            }
            int si = requireOpen(cur, now, "escalate");
            StageState stage = cur.stages().get(si);
            String authority;
            if (actor.equals(cur.requester())) {
                authority = "requester";
            } else {
                authority = eligibility(cur, stage, si, actor, now).authority();
            }
            List<String> targets = escalationTargets(stage);
            if (targets.isEmpty()) {
                throw new RefusedException(Refusal.NO_ESCALATION_PATH, "stage " + (si + 1) + " has no escalation path: the policy names nobody"
                        + " to escalate to");
            }
            if (stage.escalatedTo().containsAll(targets)) {
                throw new RefusedException(Refusal.ALREADY_ESCALATED, "stage " + (si + 1) + " is already escalated to " + String.join(", ", targets));
            }
            Map<String, Object> signing = signed(cur, Action.ESCALATE, actor, Terms.because(reason), null, signature, now);
            List<StageState> stages = new ArrayList<>(cur.stages());
            stages.set(si, escalatedStage(stage, targets));
            ApprovalDecision d = new PersonDecision(cur.id(), actor, DecisionKind.ESCALATED, now, reason,
                    level(cur, si), authority, signing).record(new PersonDecision.Parts(si + 1, cur.policyVersion(), null, null,
                            null, null, reason, null, null, null, null, null));
            Draft next = new Draft(cur);
            next.stages = stages;
            next.updatedAt = now;
            return decided(next, now, actor, d, EventType.REQUEST_ESCALATED);
        });
    }

    private Change appeal(StoredRequest cur, String actor, String reason, Signature signature, Instant now) {
        if (!actor.equals(cur.requester())) {
            throw new RefusedException(Refusal.NOT_REQUESTER, "only the requester may appeal a denial");
        }
        if (cur.appealTo().isEmpty()) {
            throw new RefusedException(Refusal.NOT_APPEALABLE, "this denial cannot be appealed: nobody is named to hear an appeal");
        }
        Map<String, Object> signing = signed(cur, Action.ESCALATE, actor, Terms.because(reason), null, signature, now);
        String denial = store.history(cur.id()).map(Workflow::lastDenial).orElse(null);
        StageState hearing = new StageState(1, cur.appealTo(), List.of("appeal"), List.of(), List.of(), Map.of(),
                List.of(), now, null, denial != null ? denial : "policy");
        List<StageState> stages = new ArrayList<>(cur.stages());
        stages.add(hearing);
        ApprovalDecision d = new PersonDecision(cur.id(), actor, DecisionKind.ESCALATED, now, reason,
                ApprovalLevel.OVERRIDE, "requester", signing).record(new PersonDecision.Parts(stages.size(),
                        cur.policyVersion(), null, null, null, denial, reason, null, null, null, null, null));
        Draft next = new Draft(cur);
        next.status = RequestStatus.PENDING;
        next.stages = stages;
        next.appealTo = List.of();
        next.expiresAt = now.plus(APPEAL_EXPIRY);
        next.rationale = "Appealed: " + reason;
        next.updatedAt = now;
        return decided(next, now, actor, d, EventType.REQUEST_ESCALATED);
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

    // ---- cancel / revoke -------------------------------------------------------------------------------

    /** The requester withdraws a pending request. */
    public StoredRequest cancel(String id, String actor) {
        return cancel(id, actor, null);
    }

    /**
     * {@link #cancel(String, String)}, signed: {@code signature} is the requester's over
     * {@link #statement} of the cancellation ({@code Action.CANCEL}); null for an unsigned one, which only
     * a policy that allows unsigned actions accepts.
     */
    public StoredRequest cancel(String id, String actor, Signature signature) {
        requireActor(actor);
        return transition(id, cur -> {
            Instant now = clock.instant();
            if (!actor.equals(cur.requester())) {
                throw new RefusedException(Refusal.NOT_REQUESTER, "only the requester (" + cur.requester() + ") may cancel this request");
            }
            if (cur.status() != RequestStatus.PENDING) {
                throw new RefusedException(Refusal.WRONG_STATE, "the request is " + cur.status() + ", not pending: only a pending request"
                        + " can be cancelled");
            }
            Map<String, Object> signed = signing.check(signing.statement(cur, Action.CANCEL, actor, Terms.NONE, null,
                    now), signature, cur.acceptsUnsigned(), now, "cancellation");
            Draft next = new Draft(cur);
            next.status = RequestStatus.CANCELLED;
            next.expiresAt = null;
            next.updatedAt = now;
            Chain chain = new Chain(next, now);
            chain.add(EventType.REQUEST_CANCELLED, actor, null, signed);
            return new Change(chain.request(), List.of(), chain.events());
        });
    }

    /**
     * Ends an active grant now. The requester may give it up; anyone who approved it, or could have
     * approved one of its stages, may take it back. The reason is required.
     */
    public StoredRequest revoke(String id, String actor, String reason) {
        return revoke(id, actor, reason, null);
    }

    /** {@link #revoke(String, String, String)}, signed (null: unsigned). */
    public StoredRequest revoke(String id, String actor, String reason, Signature signature) {
        requireActor(actor);
        requireText("reason", reason);
        return transition(id, cur -> {
            Instant now = clock.instant();
            if (cur.status() != RequestStatus.APPROVED) {
                throw new RefusedException(Refusal.WRONG_STATE, "the request is " + cur.status() + ": only an approved grant can be revoked");
            }
            if (!now.isBefore(cur.accessEnd())) {
                throw new RefusedException(Refusal.ACCESS_ENDED, "the access window ended at " + cur.accessEnd() + ": nothing to revoke");
            }
            String authority = revoker(cur, actor, now);
            Map<String, Object> signing = signed(cur, Action.REVOKE, actor, Terms.because(reason), null, signature, now);
            ApprovalDecision d = new PersonDecision(cur.id(), actor, DecisionKind.REVOKED, now, reason,
                    ApprovalLevel.FINAL, authority, signing).record(new PersonDecision.Parts(0, cur.policyVersion(), null, null,
                            null, null, null, null, null, null, now, reason));
            Draft next = new Draft(cur);
            next.status = RequestStatus.REVOKED;
            next.accessEnd = now.isBefore(cur.accessStart()) ? cur.accessStart() : now;
            next.updatedAt = now;
            return decided(next, now, actor, d, EventType.REQUEST_REVOKED);
        });
    }

    private String revoker(StoredRequest cur, String actor, Instant now) {
        if (actor.equals(cur.requester())) {
            return "requester";
        }
        if (cur.approvers().contains(actor)) {
            return "approver";
        }
        Set<String> groups = groupsOf(actor);
        for (StageState s : cur.stages()) {
            Set<String> principals = new LinkedHashSet<>(s.principals());
            principals.addAll(escalationTargets(s));
            for (String p : principals) {
                if (p.equals("user:" + actor) || p.startsWith("group:") && groups.contains(p.substring(6))) {
                    return p;
                }
            }
        }
        throw new RefusedException(Refusal.NOT_ELIGIBLE, actor + " may not revoke this grant: only the requester, its approvers and"
                + " those eligible to approve it may");
    }

    // ---- sweep -------------------------------------------------------------------------------------

    /**
     * Expires pending requests past their {@code expire after}, opens escalation approvers of stages
     * past their {@code escalate after}, ends grants past their access window, and announces reviews
     * that have come due. Idempotent: a second sweep at the same instant changes nothing.
     */
    public SweepReport sweep() {
        List<String> expired = new ArrayList<>();
        List<String> escalated = new ArrayList<>();
        List<String> ended = new ArrayList<>();
        List<String> reviews = new ArrayList<>();
        Map<String, String> unverified = new LinkedHashMap<>();
        for (StoredRequest r : all(RequestStatus.PENDING)) {
            swept(r.id(), cur -> sweepPending(cur, expired, escalated), unverified);
        }
        for (StoredRequest r : all(RequestStatus.APPROVED)) {
            swept(r.id(), cur -> sweepApproved(cur, ended, reviews), unverified);
        }
        return new SweepReport(expired, escalated, ended, reviews, unverified);
    }

    private Change sweepPending(StoredRequest cur, List<String> expired, List<String> escalated) {
        Instant now = clock.instant();
        if (cur.status() != RequestStatus.PENDING) {
            return null;
        }
        if (!now.isBefore(cur.expiresAt())) {
            Draft next = new Draft(cur);
            next.status = RequestStatus.EXPIRED;
            next.rationale = "Expired undecided at " + cur.expiresAt();
            next.updatedAt = now;
            expired.add(cur.id());
            return announced(next, now, SWEEP, EventType.REQUEST_EXPIRED);
        }
        int si = cur.currentStage();
        StageState stage = cur.stages().get(si);
        List<String> due = dueEscalations(stage, now);
        if (due.isEmpty() || stage.escalatedTo().containsAll(due)) {
            return null;
        }
        List<StageState> stages = new ArrayList<>(cur.stages());
        stages.set(si, escalatedStage(stage, due));
        Draft next = new Draft(cur);
        next.stages = stages;
        next.updatedAt = now;
        escalated.add(cur.id());
        return announced(next, now, SWEEP, EventType.REQUEST_ESCALATED);
    }

    private Change sweepApproved(StoredRequest cur, List<String> ended, List<String> reviews) {
        Instant now = clock.instant();
        if (cur.status() != RequestStatus.APPROVED) {
            return null;
        }
        Draft next = new Draft(cur);
        next.updatedAt = now;
        if (!now.isBefore(cur.accessEnd())) {
            next.status = RequestStatus.EXPIRED;
            next.rationale = "Access ended at " + cur.accessEnd();
            ended.add(cur.id());
            return announced(next, now, SWEEP, EventType.REQUEST_EXPIRED);
        }
        if (cur.reviewDate() != null && !cur.reviewDue() && !now.isBefore(cur.reviewDate())) {
            next.reviewDue = true;
            reviews.add(cur.id());
            return announced(next, now, SWEEP, EventType.REVIEW_DUE);
        }
        return null;
    }

    private List<StoredRequest> all(RequestStatus status) {
        List<StoredRequest> out = new ArrayList<>();
        String cursor = null;
        do {
            Page<StoredRequest> page = store.list(new Listing.ByStatus(status), cursor, 100);
            out.addAll(page.items());
            cursor = page.next();
        } while (cursor != null);
        return out;
    }

    /**
     * One request's sweep. A request whose record does not verify is left as it is and reported: a
     * transition written over it would seal what someone else wrote.
     */
    private void swept(String id, Function<StoredRequest, Change> step, Map<String, String> unverified) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<History> h = store.history(id);
            if (h.isEmpty()) {
                return;
            }
            Verdict v = acting.check(h.get());
            if (!v.intact()) {
                unverified.put(id, v.reason());
                return;
            }
            StoredRequest cur = h.get().request();
            Change change = step.apply(cur);
            if (change == null) {
                return;
            }
            try {
                store.transition(cur, change);
                return;
            } catch (ConflictException lost) {
                // someone acted on it meanwhile: judge it again as it is now
            }
        }
    }

    // ---- access check --------------------------------------------------------------------------------

    /**
     * May {@code requester} use {@code profile} (with {@code permissions}) at {@code at}? An active
     * approved grant answers first (one indexed query, then its own record read and verified: a grant
     * whose record does not verify answers denied, naming what is wrong), then policy's instant approval
     * for a session of {@link #ACCESS_CHECK_DURATION}, then a pending request; otherwise denied.
     */
    public AccessAnswer checkAccess(String requester, String profile, List<String> permissions, Instant at) {
        requireText("requester", requester);
        requireText("profile", profile);
        List<String> wanted = permissions == null ? List.of() : permissions;
        Instant when = at != null ? at : clock.instant();
        List<StoredRequest> open = store.open(requester, profile, when);
        StoredRequest pending = null;
        for (StoredRequest r : open) {
            if (r.grantsAt(when) && covers(r.grant().permissions(), wanted)) {
                // A grant is allowed only when its record is evidence: one more read, of its own items.
                Optional<History> h = store.history(r.id());
                if (h.isEmpty()) {
                    continue;
                }
                Verdict v = gateway.check(h.get());
                if (!v.intact()) {
                    return new AccessAnswer(AccessAnswer.Access.DENIED, r.id(), null, List.of(), Map.of(), List.of(),
                            "request " + r.id() + " does not verify: " + v.reason());
                }
                return new AccessAnswer(AccessAnswer.Access.ALLOWED, r.id(), r.accessEnd(), r.grant().permissions(),
                        r.grant().conditions(), r.grant().stipulations(), "approved request " + r.id());
            }
            if (r.status() == RequestStatus.PENDING && pending == null) {
                pending = r;
            }
        }
        AccessRequest probe = directory.complete(new AccessRequest(null, requester, List.of(), Map.of(), profile,
                wanted, ACCESS_CHECK_DURATION, null, null, null, Map.of(), when.atOffset(ZoneOffset.UTC)));
        Evaluation e = authorizer.decide(probe);
        if (e.outcome().grants()) {
            return new AccessAnswer(AccessAnswer.Access.ALLOWED, null, when.plus(e.duration()), e.permissions(),
                    e.conditions(), e.stipulations(), "approved at once by " + String.join(", ", e.rules()));
        }
        if (pending != null) {
            return new AccessAnswer(AccessAnswer.Access.PENDING, pending.id(), null, List.of(), Map.of(), List.of(),
                    "request " + pending.id() + " is waiting for approval");
        }
        return new AccessAnswer(AccessAnswer.Access.DENIED, null, null, List.of(), Map.of(), List.of(),
                e.outcome() == Outcome.PENDING ? "no approved grant: request access first (" + e.rationale() + ")"
                        : e.rationale());
    }

    /** Whether a grant's permissions cover those asked for; a grant of no named permissions is the whole profile. */
    private static boolean covers(List<String> granted, List<String> wanted) {
        return granted.isEmpty() || granted.containsAll(wanted);
    }

    // ---- reads ---------------------------------------------------------------------------------------

    /**
     * The request as its verified record says it is.
     *
     * @throws RefusedException naming what does not verify when the record is not evidence: nothing
     *     acts on a request whose record was changed outside the workflow
     */
    public StoredRequest get(String id) {
        return verified(id);
    }

    /** The request's state when its record verifies; the refusal says what does not. */
    private StoredRequest verified(String id) {
        History h = store.history(id).orElseThrow(() -> new UnknownRequestException(id));
        Verdict v = acting.check(h);
        if (!v.intact()) {
            throw new RefusedException(Refusal.UNVERIFIED, "request " + id + " does not verify, so nothing acts on it: " + v.reason());
        }
        return h.request();
    }

    /** Checks a request's record as the workflow does before acting on it. */
    public Verdict verify(History h) {
        return acting.check(h);
    }

    public History show(String id) {
        return store.history(id).orElseThrow(() -> new UnknownRequestException(id));
    }

    public Page<StoredRequest> list(Listing listing, String cursor, int limit) {
        return store.list(listing, cursor, limit);
    }

    /** The inbox keys of a user: themselves and their groups. */
    public List<String> principalsOf(String user) {
        List<String> out = new ArrayList<>();
        out.add("user:" + user);
        groupsOf(user).forEach(g -> out.add("group:" + g));
        return out;
    }

    // ---- signatures ----------------------------------------------------------------------------------

    /**
     * The statement a person signs for an action on {@code request}: what a client signs with
     * {@link io.countersign.engine.signing.SigningKey#sign} and what the workflow rebuilds to check it.
     * It names the facts of this workflow's policy set, and for an approval the grant it leaves.
     *
     * @param terms the approval's terms; for deny, escalate and revoke {@link Terms#because} their reason
     * @param to the delegate (delegate only)
     * @throws RefusedException for an approval whose terms would widen the grant
     */
    public Statement statement(StoredRequest request, Action action, String actor, Terms terms, String to,
            Instant signedAt) {
        return signing.statement(request, action, actor, terms, to, signedAt);
    }

    /** A person's decision's signature checked (or its absence accepted) and the directory it relied on, as its metadata. */
    private Map<String, Object> signed(StoredRequest cur, Action action, String actor, Terms terms, String to,
            Signature signature, Instant now) {
        Map<String, Object> out = new LinkedHashMap<>(signing.check(signing.statement(cur, action, actor, terms, to,
                now), signature, cur.acceptsUnsigned(), now, "decision"));
        if (directory.digest() != null) {
            out.put("directoryVersion", directory.digest());
        }
        return out;
    }

    // ---- the rules -----------------------------------------------------------------------------------

    /** Why someone may act on a stage: their authority, and whose place they hold as a delegate. */
    private record Eligibility(String authority, String onBehalfOf) {
    }

    private Eligibility eligibility(StoredRequest cur, StageState stage, int si, String actor, Instant now) {
        if (actor.equals(cur.requester()) && !cur.selfApproval()) {
            throw new RefusedException(Refusal.OWN_REQUEST, actor + " requested this access and may not decide it: nobody approves"
                    + " their own request");
        }
        String delegator = stage.delegates().get(actor);
        if (delegator != null) {
            return new Eligibility("delegated-by:" + delegator, delegator);
        }
        if (stage.delegates().containsValue(actor)) {
            throw new RefusedException(Refusal.NOT_ELIGIBLE, actor + " delegated their place in stage " + (si + 1) + " to "
                    + delegateOf(stage, actor));
        }
        Set<String> groups = groupsOf(actor);
        for (String p : stage.from()) {
            if (p.equals("user:" + actor) || p.startsWith("group:") && groups.contains(p.substring(6))) {
                return new Eligibility(p, null);
            }
        }
        Set<String> escalation = new LinkedHashSet<>(stage.escalatedTo());
        escalation.addAll(dueEscalations(stage, now));
        for (String p : escalation) {
            if (p.equals("user:" + actor) || p.startsWith("group:") && groups.contains(p.substring(6))) {
                return new Eligibility("escalation:" + p, null);
            }
        }
        throw new RefusedException(Refusal.NOT_ELIGIBLE, actor + " is not an eligible approver of stage " + (si + 1) + " (it needs "
                + stage.need() + " of " + String.join(", ", stage.from()) + ")");
    }

    private static String delegateOf(StageState stage, String delegator) {
        for (Map.Entry<String, String> e : stage.delegates().entrySet()) {
            if (e.getValue().equals(delegator)) {
                return e.getKey();
            }
        }
        return "?";
    }

    private Set<String> groupsOf(String user) {
        return directory.user(user).map(u -> (Set<String>) new LinkedHashSet<>(u.groups())).orElse(Set.of());
    }

    private static List<String> dueEscalations(StageState stage, Instant now) {
        List<String> out = new ArrayList<>();
        if (stage.openedAt() == null) {
            return out;
        }
        for (StageRequirement.Escalation e : stage.escalations()) {
            if (!now.isBefore(stage.openedAt().plus(e.after()))) {
                e.to().stream().filter(t -> !out.contains(t)).forEach(out::add);
            }
        }
        return out;
    }

    private static List<String> escalationTargets(StageState stage) {
        List<String> out = new ArrayList<>();
        for (StageRequirement.Escalation e : stage.escalations()) {
            e.to().stream().filter(t -> !out.contains(t)).forEach(out::add);
        }
        return out;
    }

    private static StageState escalatedStage(StageState s, List<String> targets) {
        return new StageState(s.need(), s.from(), s.rules(), s.escalations(),
                StoredRequest.union(s.escalatedTo(), targets), s.delegates(), s.approvals(), s.openedAt(),
                s.completedAt(), s.overrides());
    }

    private static StageState withApprovals(StageState s, List<Approval> approvals, Instant completedAt) {
        return new StageState(s.need(), s.from(), s.rules(), s.escalations(), s.escalatedTo(), s.delegates(), approvals,
                s.openedAt(), completedAt, s.overrides());
    }

    private static StageState opened(StageState s, Instant now) {
        return new StageState(s.need(), s.from(), s.rules(), s.escalations(), s.escalatedTo(), s.delegates(),
                s.approvals(), now, s.completedAt(), s.overrides());
    }

    private static ApprovalLevel level(StoredRequest cur, int si) {
        StageState s = cur.stages().get(si);
        if (s.overrides() != null) {
            return ApprovalLevel.OVERRIDE;
        }
        int n = 0;
        for (StageState x : cur.stages()) {
            n += x.overrides() == null ? 1 : 0;
        }
        if (si == n - 1) {
            return ApprovalLevel.FINAL;
        }
        return si == 0 ? ApprovalLevel.INITIAL : ApprovalLevel.INTERMEDIATE;
    }

    /** The open stage of a pending request that may still be decided now. */
    private static int requireOpen(StoredRequest cur, Instant now, String action) {
        if (cur.status() != RequestStatus.PENDING) {
            throw new RefusedException(Refusal.WRONG_STATE, "cannot " + action + ": the request is " + cur.status() + ", not pending");
        }
        if (!now.isBefore(cur.expiresAt())) {
            throw new RefusedException(Refusal.EXPIRED, "cannot " + action + ": the request expired at " + cur.expiresAt());
        }
        return cur.currentStage();
    }

    private static void requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new InvalidRequestException("actor", "is required: say who acts (--as USER or COUNTERSIGN_USER)");
        }
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, "is required");
        }
    }

    /** A transition that records a person's decision: {@code decision.recorded}, then what it did. */
    private static Change decided(Draft next, Instant now, String actor, ApprovalDecision d, EventType what) {
        Chain chain = new Chain(next, now);
        chain.add(EventType.DECISION_RECORDED, actor, d);
        chain.add(what, actor, d);
        return new Change(chain.request(), List.of(d), chain.events());
    }

    /** A transition nobody decided (cancel, expiry, a due escalation): one event. */
    private static Change announced(Draft next, Instant now, String actor, EventType what) {
        Chain chain = new Chain(next, now);
        chain.add(what, actor, null);
        return new Change(chain.request(), List.of(), chain.events());
    }

    /** Reads, judges and writes, again and again while another writer wins the race. */
    private StoredRequest transition(String id, Function<StoredRequest, Change> step) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            StoredRequest cur = verified(id);
            Change change = step.apply(cur);
            try {
                store.transition(cur, change);
                return change.request();
            } catch (ConflictException lost) {
                Thread.onSpinWait();
            }
        }
        throw new RefusedException(Refusal.CONTENTION, "request " + id + " is changing too fast to act on: try again");
    }

    /**
     * The events of one transition, chained to the request's last event. The request inside an event
     * is written without its chain head, which the event itself carries.
     */
    private static final class Chain {
        private final Draft draft;
        private final Instant now;
        private final List<Event> events = new ArrayList<>();

        /** The events of a transition: the draft becomes the request's next version. */
        Chain(Draft draft, Instant now) {
            this.draft = draft;
            this.now = now;
            draft.version++;
        }

        /** The events of a creation: the request's first version. */
        Chain(StoredRequest created, Instant now) {
            this.draft = new Draft(created);
            this.now = now;
        }

        void add(EventType type, String actor, ApprovalDecision decision) {
            add(type, actor, decision, null);
        }

        /** @param signed for a submission or cancellation: its signature, or that it was accepted unsigned */
        void add(EventType type, String actor, ApprovalDecision decision, Map<String, Object> signed) {
            ObjectNode data = Json.mapper().createObjectNode();
            ObjectNode request = Json.mapper().valueToTree(draft.build());
            request.remove("eventSequence");
            request.remove("eventHash");
            request.remove("seal");
            data.set("request", request);
            if (decision != null) {
                data.set("decision", Json.mapper().valueToTree(decision));
            }
            if (signed != null) {
                data.set("signing", Json.mapper().valueToTree(signed));
            }
            Event e = EventChain.seal(new Event(UUID.randomUUID().toString(), type, now, actor, draft.id,
                    draft.eventSequence + 1, data, draft.eventHash, null));
            events.add(e);
            draft.eventSequence = e.sequence();
            draft.eventHash = e.hash();
        }

        StoredRequest request() {
            return draft.build();
        }

        List<Event> events() {
            return List.copyOf(events);
        }
    }
}
