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
import io.countersign.engine.eval.ScanEvaluator;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.reference.Explainer;
import io.countersign.engine.reference.Explanation;
import io.countersign.engine.reference.ReferenceEvaluator;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.request.RequestValidation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.countersign.engine.request.InvalidRequestException;
import io.countersign.lang.parse.DurationText;

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

    /**
     * The production procedure without a knowledge base: conditions compiled into trees and scanned
     * ({@link ScanEvaluator}), outcomes by the same plans as {@link #of}. Builds in microseconds, for
     * one-shot processes; decides as {@link #of} does (the differential property test holds all three
     * together).
     */
    public static Authorizer scanning(PolicySet set) {
        return new Authorizer(set, new ScanEvaluator(set), new CompiledProcedure(set), Clock.systemUTC());
    }

    /**
     * The reference authorizer: a linear scan of the AST, conditions and outcomes — the oracle of the
     * tests (and what {@link #explain} is made of). Not a production path: decide with {@link #of} or
     * {@link #scanning}.
     */
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
        Instant at = at(r);
        startWithin(r, at, set.longestStartWithin(), false);
        return startWithinBound(r, at, evaluate(r, at, r.id()));
    }

    /**
     * Decides a request and writes the decision record policy makes (approver {@code policy}); a
     * request without an id gets one derived from the policy set, the request and the instant.
     */
    public Decision decideAndRecord(AccessRequest request) {
        evaluator.expect(request.profile());
        AccessRequest r = RequestValidation.validate(request);
        Instant at = at(r);
        startWithin(r, at, set.longestStartWithin(), false);
        Evaluation e = startWithinBound(r, at, evaluate(r, at, requestId(r, at)));
        return DecisionProcedure.withRecord(e, r, set.controls(e.rules()));
    }

    private Evaluation evaluate(AccessRequest r, Instant at, String requestId) {
        Findings reused = findings.get();
        reused.reset();
        Facts facts = new Facts(r, accessBegins(r, at), reused);
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
        startWithin(r, at, set.longestStartWithin(), false);
        Facts facts = new Facts(r, accessBegins(r, at), new Findings(set));
        new ReferenceEvaluator(set).evaluate(facts);
        Evaluation evaluation = startWithinBound(r, at, new DecisionProcedure(set).decide(r, facts,
                facts.getFindings(), at, requestId(r, at)));
        return new Explainer(set).explain(facts, DecisionProcedure.withRecord(evaluation, r,
                set.controls(evaluation.rules())));
    }

    /**
     * The instant a rule's windows and dates are judged at ({@code now}): when access would begin — the
     * requested start when it lies after the request's instant, else that instant. A request made at
     * noon for a start at 22:00 is judged at 22:00: the hours it will be used in, not the hour it was asked.
     */
    static Instant accessBegins(AccessRequest r, Instant at) {
        if (r.startAt() == null) {
            return at;
        }
        Instant start = r.startAt().toInstant();
        return start.isAfter(at) ? start : at;
    }

    /**
     * Refuses a requested start further ahead than the deciding policies allow ({@code allow start
     * within}, 30 days where they say nothing): a grant judged by the hours of a distant day is a
     * standing grant in disguise. A start beyond every policy's bound is refused before the rules are
     * even evaluated at it.
     */
    private Evaluation startWithinBound(AccessRequest r, Instant at, Evaluation e) {
        if (r.startAt() != null) {
            startWithin(r, at, set.startWithin(e.rules()), true);
        }
        return e;
    }

    private static void startWithin(AccessRequest r, Instant at, Duration bound, boolean deciding) {
        if (r.startAt() == null) {
            return;
        }
        Duration ahead = Duration.between(at, r.startAt().toInstant());
        if (ahead.compareTo(bound) > 0) {
            throw new InvalidRequestException("startAt", "lies " + days(ahead.withNanos(0)) + " after the request: "
                    + (deciding ? "the policy allows a start at most " : "no policy allows a start more than ")
                    + days(bound) + " ahead");
        }
    }

    /** A span in days and what is left ({@code 91d}, {@code 30d2h}), as policies write bounds. */
    private static String days(Duration d) {
        long days = d.toDays();
        Duration rest = d.minusDays(days);
        return (days > 0 ? days + "d" : "") + (rest.isZero() ? (days > 0 ? "" : "0s") : DurationText.format(rest));
    }

    /** The instant a request is decided at: its own {@code at}, else the clock — the only place the clock enters. */
    private Instant at(AccessRequest r) {
        return r.at() != null ? r.at().toInstant() : clock.instant();
    }

    private String requestId(AccessRequest r, Instant at) {
        return r.id() != null ? r.id() : DecisionProcedure.derivedRequestId(set.digest(), r, at);
    }
}
