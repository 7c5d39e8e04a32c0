package io.countersign.engine;

import io.countersign.engine.decide.CompiledProcedure;
import io.countersign.engine.decide.Decision;
import io.countersign.engine.decide.DecisionProcedure;
import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.decide.Procedure;
import io.countersign.engine.drools.DroolsEvaluator;
import io.countersign.engine.eval.Evaluator;
import io.countersign.engine.eval.Facts;
import io.countersign.engine.eval.Findings;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.reference.Explainer;
import io.countersign.engine.reference.Explanation;
import io.countersign.engine.reference.ReferenceEvaluator;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.request.RequestValidation;
import java.time.Clock;
import java.time.Instant;

/**
 * Decides access requests against a policy set. {@link #decide} is pure in the set and the request
 * (the clock enters only when the request has no {@code at}) and thread-safe: one authorizer serves
 * every gateway thread. Anything that cannot be evaluated denies; nothing unexpected approves.
 */
public final class Authorizer implements AutoCloseable {

    private final PolicySet set;
    private final Evaluator evaluator;
    /** Compiled outcomes with Drools (production), the AST walk with the reference evaluator. */
    private final Procedure procedure;
    private final Clock clock;
    /** Findings are reused per thread: a decision touches only the entries it records. */
    private final ThreadLocal<Findings> findings;

    private Authorizer(PolicySet set, Evaluator evaluator, Procedure procedure, Clock clock) {
        this.set = set;
        this.evaluator = evaluator;
        this.procedure = procedure;
        this.clock = clock;
        this.findings = ThreadLocal.withInitial(() -> new Findings(set));
    }

    /** The production authorizer: the set compiled into a Drools knowledge base, its outcomes into plans. */
    public static Authorizer of(PolicySet set) {
        return new Authorizer(set, new DroolsEvaluator(set), new CompiledProcedure(set), Clock.systemUTC());
    }

    /** The reference authorizer: a linear scan of the AST, conditions and outcomes (the oracle, and the explanations). */
    public static Authorizer reference(PolicySet set) {
        return new Authorizer(set, new ReferenceEvaluator(set), new DecisionProcedure(set), Clock.systemUTC());
    }

    /** The same authorizer reading time from {@code clock} when a request has no {@code at}. */
    public Authorizer withClock(Clock clock) {
        return new Authorizer(set, evaluator, procedure, clock);
    }

    /**
     * Releases the Drools sessions of every thread. Decisions after this deny ("the policy set could
     * not be evaluated"): a gateway swaps in the new authorizer before closing the old one.
     */
    @Override
    public void close() {
        if (evaluator instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the evaluator failed", e);
            }
        }
    }

    public PolicySet policySet() {
        return set;
    }

    /**
     * Validates and decides a request.
     *
     * @throws io.countersign.engine.request.InvalidRequestException naming the field when the request is invalid
     */
    public Evaluation decide(AccessRequest request) {
        evaluator.expect(request.profile());
        AccessRequest r = RequestValidation.validate(request);
        return evaluate(r, at(r), r.id());
    }

    /**
     * Decides a request and writes the decision record policy makes (approver {@code policy}); a
     * request without an id gets one derived from the policy set, the request and the instant.
     */
    public Decision decideAndRecord(AccessRequest request) {
        evaluator.expect(request.profile());
        AccessRequest r = RequestValidation.validate(request);
        Instant at = at(r);
        return DecisionProcedure.withRecord(evaluate(r, at, requestId(r, at)), r);
    }

    private Evaluation evaluate(AccessRequest r, Instant at, String requestId) {
        Findings reused = findings.get();
        reused.reset();
        Facts facts = new Facts(r, at, reused);
        try {
            evaluator.evaluate(facts);
        } catch (RuntimeException e) {
            return procedure.failed(r, at, requestId, "the policy set could not be evaluated: " + e);
        }
        return procedure.decide(r, facts, facts.getFindings(), at, requestId);
    }

    /** Decides with the reference evaluator and says why, rule by rule. */
    public Explanation explain(AccessRequest request) {
        AccessRequest r = RequestValidation.validate(request);
        Instant at = at(r);
        Facts facts = new Facts(r, at, new Findings(set));
        new ReferenceEvaluator(set).evaluate(facts);
        Evaluation evaluation = new DecisionProcedure(set).decide(r, facts, facts.getFindings(), at, requestId(r, at));
        return new Explainer(set).explain(facts, DecisionProcedure.withRecord(evaluation, r));
    }

    /** The instant a request is decided at: its own {@code at}, else the clock — the only place the clock enters. */
    private Instant at(AccessRequest r) {
        return r.at() != null ? r.at().toInstant() : clock.instant();
    }

    private String requestId(AccessRequest r, Instant at) {
        return r.id() != null ? r.id() : DecisionProcedure.derivedRequestId(set.digest(), r, at);
    }
}
