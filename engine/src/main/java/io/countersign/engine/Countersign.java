package io.countersign.engine;

import io.countersign.engine.access.AccessAnswer;
import io.countersign.engine.access.AccessQuestion;
import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.directory.Directory;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.precedent.PrecedentSettings;
import io.countersign.engine.policy.PolicyDirectory;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.readout.Readout;
import io.countersign.engine.reference.Explanation;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.signing.Signature;
import io.countersign.engine.signing.Statement;
import io.countersign.engine.store.History;
import io.countersign.engine.store.Listing;
import io.countersign.engine.store.Page;
import io.countersign.engine.store.Store;
import io.countersign.engine.verify.Verdict;
import io.countersign.engine.workflow.Act;
import io.countersign.engine.workflow.Actor;
import io.countersign.engine.workflow.SweepReport;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Workflow;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one way in for an embedder: a gateway, the HTTP server and the CLI all decide and act through
 * this. Built once from a policy directory (its {@code .policy} files, {@code directory.yaml} and
 * {@code keys/}) and a {@link Store} — or none, for decisions only — and thread-safe: one instance
 * serves every thread. {@link #reload()} swaps in a new policy set atomically when it checks clean;
 * a call in flight finishes on the set it began with.
 *
 * <pre>{@code
 * try (Countersign cs = Countersign.builder().policies(Path.of("policies")).store(store).build()) {
 *     AccessAnswer a = cs.checkAccess(AccessQuestion.of("ivan", "prod-admin"));
 * }
 * }</pre>
 *
 * Refusals are {@link io.countersign.engine.workflow.RefusedException}s with a stable
 * {@link io.countersign.engine.workflow.Refusal} code; bad input is an
 * {@link io.countersign.engine.request.InvalidRequestException} naming the field.
 */
public final class Countersign implements AutoCloseable {

    /**
     * How conditions are evaluated. Outcomes always go through the plans compiled once per rule
     * ({@code decide/CompiledProcedure}); {@link #explain} always walks the AST.
     */
    public enum Mode {
        /** For serving: the conditions compiled into a Drools knowledge base (about a second to build). */
        COMPILED,
        /** For one-shot processes such as the CLI: the conditions compiled into trees and scanned, nothing to build. */
        SCAN,
        /**
         * The oracle, for tests: conditions and outcomes by walking the AST ({@link Authorizer#reference}).
         * Not a production path.
         */
        REFERENCE
    }

    private final Optional<Path> source;
    private final Optional<Store> store;
    private final Clock clock;
    private final Mode mode;
    private final PrecedentSettings precedents;
    private final InUse inUse;

    /** Made by {@link CountersignBuilder#build}. */
    Countersign(Optional<Path> source, Optional<Store> store, Clock clock, Mode mode, PrecedentSettings precedents,
            PolicyDirectory loaded) {
        this.source = source;
        this.store = store;
        this.clock = clock;
        this.precedents = precedents;
        this.mode = mode;
        this.inUse = new InUse(Generation.of(loaded, mode, store, clock, precedents));
    }

    /** A builder: {@link CountersignBuilder#policies} is required, everything else optional. */
    public static CountersignBuilder builder() {
        return new CountersignBuilder();
    }

    // ---- decisions -------------------------------------------------------------------------------

    /**
     * Policy's decision on a request, recording nothing. The requester's groups and attributes come from
     * the directory where the request carries none.
     */
    public Evaluation decide(AccessRequest request) {
        return call(g -> g.authorizer().decide(g.directory().complete(request)));
    }

    /** Policy's decision on a request with the reasons, rule by rule (the reference evaluator's). */
    public Explanation explain(AccessRequest request) {
        return call(g -> g.authorizer().explain(g.directory().complete(request)));
    }

    /**
     * May this person use this profile now? An approved grant whose record verifies answers first, then
     * policy's instant approval for a session, then a pending request; otherwise denied.
     */
    public AccessAnswer checkAccess(AccessQuestion question) {
        return call(g -> g.workflow().checkAccess(question));
    }

    // ---- the lifecycle of a request ----------------------------------------------------------------

    /** Submits an unsigned request (accepted only where policy allows unsigned ones). */
    public StoredRequest submit(AccessRequest request) {
        return call(g -> g.workflow().submit(request));
    }

    /** Submits a request signed by its requester over {@link #submission} (the request must name its id). */
    public StoredRequest submit(AccessRequest request, Signature signature) {
        Objects.requireNonNull(signature, "signature");
        return call(g -> g.workflow().submit(request, signature));
    }

    /** The statement a requester signs to submit {@code request} (which names its id) at {@code signedAt}. */
    public Statement submission(AccessRequest request, Instant signedAt) {
        return call(g -> g.workflow().submission(request, signedAt));
    }

    public StoredRequest approve(String id, Actor actor, Terms terms) {
        return act(id, actor, Act.approve(terms));
    }

    public StoredRequest deny(String id, Actor actor, String reason) {
        return act(id, actor, Act.deny(reason));
    }

    public StoredRequest delegate(String id, Actor actor, String to) {
        return act(id, actor, Act.delegate(to));
    }

    public StoredRequest escalate(String id, Actor actor, String reason) {
        return act(id, actor, Act.escalate(reason));
    }

    public StoredRequest cancel(String id, Actor actor) {
        return act(id, actor, Act.cancel());
    }

    public StoredRequest revoke(String id, Actor actor, String reason) {
        return act(id, actor, Act.revoke(reason));
    }

    /**
     * An auditor's note on decision {@code decisionId} of request {@code id} (null: its newest), made
     * later: a signed event that changes nothing of the request and edits no decision. Only members of
     * the directory's group {@code auditors} who took no part in the request may annotate; the note is
     * signed over {@link #statement}{@code (id, actor, Act.note(decisionId, text), signedAt)} where policy
     * wants actions signed. The decision's {@code auditNotes} is read from these notes ({@link #readout}).
     */
    public StoredRequest note(String id, Actor actor, String decisionId, String text) {
        return act(id, actor, Act.note(decisionId, text));
    }

    /** Takes {@code act} on request {@code id} as {@code actor}; the request as it now stands. */
    public StoredRequest act(String id, Actor actor, Act act) {
        return call(g -> g.workflow().act(id, actor, act));
    }

    /**
     * The statement {@code actor} signs to take {@code act} on request {@code id} at {@code signedAt}:
     * what {@link io.countersign.engine.signing.SigningKey#sign} signs, for {@link Actor#signed}.
     */
    public Statement statement(String id, String actor, Act act, Instant signedAt) {
        return call(g -> {
            Workflow w = g.workflow();
            return w.statement(w.get(id), actor, act, signedAt);
        });
    }

    /** Expiry, due escalations, ends of access, reviews and follow-ups due; idempotent. */
    public SweepReport sweep() {
        return call(g -> g.workflow().sweep());
    }

    /** Marks a follow-up ({@code REQUEST-ID/N}) done with evidence; the requester or an approver may. */
    public StoredRequest followUpDone(String followUpId, Actor actor, List<String> evidence) {
        return call(g -> g.workflow().followUpDone(followUpId, actor, evidence));
    }

    /** The statement {@code actor} signs to mark a follow-up done with {@code evidence}. */
    public Statement followUpStatement(String followUpId, String actor, List<String> evidence, Instant signedAt) {
        return call(g -> g.workflow().followUpStatement(followUpId, actor, evidence, signedAt));
    }

    /**
     * One page of the follow-ups not done, earliest due first ({@code overdueOnly}: past due now;
     * {@code as}: only those that user may mark done, null for all).
     */
    public Page<io.countersign.engine.workflow.FollowUps.Open> followUps(boolean overdueOnly, String as,
            String cursor, int limit) {
        return call(g -> g.workflow().followUps(overdueOnly, as, cursor, limit));
    }

    // ---- reads -----------------------------------------------------------------------------------------

    /** The request as its verified record says it is (refused when the record does not verify). */
    public StoredRequest get(String id) {
        return call(g -> g.workflow().get(id));
    }

    /** A request's record as stored: the request, its decisions and its events (check it with {@link #verify}). */
    public History history(String id) {
        return call(g -> g.workflow().show(id));
    }

    /**
     * A request's record as read: {@link #history} and its decisions with {@code notificationsSent} and
     * {@code auditNotes} filled in from the delivery record and the audit notes ({@link Readout}).
     */
    public Readout readout(String id) {
        return call(g -> g.workflow().readout(id));
    }

    /** Checks a record as the workflow does before acting on it. */
    public Verdict verify(History history) {
        return call(g -> g.workflow().verify(history));
    }

    /** {@link #verify(History)} of the record the store holds as request {@code id}: it must be that request's. */
    public Verdict verify(String id, History history) {
        return call(g -> g.workflow().verify(id, history));
    }

    /** The first page of a listing, newest first. */
    public Page<StoredRequest> list(Listing listing, int limit) {
        return call(g -> g.workflow().list(listing, limit));
    }

    /** The page after {@code cursor} (a previous page's {@link Page#next()}). */
    public Page<StoredRequest> list(Listing listing, String cursor, int limit) {
        Objects.requireNonNull(cursor, "cursor: use list(listing, limit) for the first page");
        return call(g -> g.workflow().list(listing, cursor, limit));
    }

    /** A user's inbox: the pending requests they (or one of their groups) may decide. */
    public Listing inbox(String user) {
        return call(g -> new Listing.Inbox(g.workflow().principalsOf(user)));
    }

    // ---- the policies --------------------------------------------------------------------------------

    /** The policy set in use now. */
    public PolicySet policySet() {
        return inUse.now().loaded().set();
    }

    /** The users and groups in use now. */
    public Directory directory() {
        return inUse.now().loaded().directory();
    }

    /** The digest of the policy set in use now ({@code sha256:…}). */
    public String policyVersion() {
        return policySet().digest();
    }

    /** The store this instance acts on; empty when built for decisions only. */
    public Optional<Store> store() {
        return store;
    }

    /**
     * Reads the policy directory again and swaps it in when it checks clean; otherwise the set in use
     * stays and the answer carries the diagnostics.
     *
     * @throws IllegalStateException when this instance was built from a policy set, not a directory
     */
    public Reload reload() {
        Path dir = source.orElseThrow(() -> new IllegalStateException(
                "built from a policy set, not a directory: reload(PolicyDirectory) instead"));
        try {
            return reload(PolicySource.load(dir));
        } catch (PolicyLoadException e) {
            return Reload.kept(policyVersion(), e);
        }
    }

    /** Swaps in an already checked policy directory (a set compiles only when it checks clean). */
    public Reload reload(PolicyDirectory loaded) {
        Generation next = Generation.of(loaded, mode, store, clock, precedents);
        inUse.swap(next);
        return Reload.applied(loaded.set());
    }

    /** Releases the evaluator; the store stays open (whoever opened it closes it). */
    @Override
    public void close() {
        inUse.close();
    }

    private <T> T call(Function<Generation, T> f) {
        return inUse.call(f);
    }
}
