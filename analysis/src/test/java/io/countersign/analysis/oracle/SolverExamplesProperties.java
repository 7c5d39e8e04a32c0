package io.countersign.analysis.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.z3.Model;
import io.countersign.analysis.diff.ChangeClass;
import io.countersign.analysis.diff.Differ;
import io.countersign.analysis.encode.Contribution;
import io.countersign.analysis.encode.ExampleDecoder;
import io.countersign.analysis.encode.Opaque;
import io.countersign.analysis.encode.RequestSpace;
import io.countersign.analysis.encode.SetEncoding;
import io.countersign.analysis.encode.Vocabulary;
import io.countersign.analysis.smt.Analysis;
import io.countersign.analysis.smt.Questions;
import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.decide.Outcome;
import io.countersign.engine.json.Json;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.request.AccessRequest;
import io.countersign.lang.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;

/**
 * The reference evaluator is the oracle: over random policy sets and edited copies of them, every
 * example the solver produces — for each outcome, for each rule deciding, and for each class of a diff
 * — is replayed through the reference authorizer and must get what the solver claimed. Where a set
 * holds a predicate outside the core, the claim may fail only for examples that rely on it.
 */
class SolverExamplesProperties {

    record Pair(String before, String after, long seed) {
        @Override
        public String toString() {
            return "---- before\n" + before + "---- after\n" + after;
        }
    }

    @Provide
    Arbitrary<Pair> pairs() {
        return Arbitraries.randomValue(r -> {
            long seed = r.nextLong();
            RandomPolicies g = new RandomPolicies(new Random(seed));
            String before = g.set();
            return new Pair(before, g.edit(before), seed);
        });
    }

    static PolicySet set(String text) throws Exception {
        return PolicySet.of(List.of(new SourceFile("p.policy", text)));
    }

    @Property(tries = 15, shrinking = ShrinkingMode.OFF)
    void everyExampleGetsTheOutcomeTheSolverClaims(@ForAll("pairs") Pair pair) throws Exception {
        PolicySet before = set(pair.before());
        PolicySet after = set(pair.after());
        outcomesAndRules(before);
        Differ.Report r = Differ.diff(before, after);
        Oracle ob = new Oracle(before);
        Oracle oa = new Oracle(after);
        for (ChangeClass c : r.classes()) {
            for (Map<String, Object> ex : c.examples()) {
                AccessRequest req = Json.mapper().convertValue(ex, AccessRequest.class);
                Evaluation eb = ob.evaluate(req);
                Evaluation ea = oa.evaluate(req);
                assertTrue(!io.countersign.analysis.diff.Observed.of(eb).equals(io.countersign.analysis.diff.Observed.of(ea)),
                        () -> "class " + c.title() + ": example decided alike " + ex + "\n" + pair);
            }
        }
        if (r.outsideCore().isEmpty()) {
            assertTrue(r.unconfirmed().isEmpty(), () -> "claims the evaluators did not confirm: " + r.unconfirmed()
                    + "\n" + pair);
        }
        // The solver answers each query within a time limit (60 s): one it gives up on is reported as
        // such, an honest "could not tell" that a loaded machine earns now and then, not a wrong claim.
        // Anything else incomplete fails, and most tries must be complete.
        boolean gaveUp = !r.complete() && r.incomplete().endsWith("(canceled)");
        assertTrue(r.complete() || gaveUp, () -> r.incomplete() + "\n" + pair);
        Statistics.label("complete").collect(r.complete());
        Statistics.label("complete").coverage(c -> c.check(true).percentage(p -> p >= 60));
        Statistics.label("changes").collect(r.classes().isEmpty() ? "none" : "some");
        Statistics.label("outside core").collect(r.outsideCore().isEmpty() ? "no" : "yes");
    }

    /** Each outcome and each rule's deciding, when the solver finds an example, as the evaluator decides it. */
    private static void outcomesAndRules(PolicySet set) {
        try (Analysis a = new Analysis()) {
            RequestSpace space = new RequestSpace(a.ctx(), Vocabulary.of(List.of(set)));
            List<Opaque> opaque = new ArrayList<>();
            SetEncoding enc = new SetEncoding(space, set, opaque);
            a.background(space.constraints(), 30_000);
            Questions q = new Questions(a, space);
            Oracle oracle = new Oracle(set);
            ExampleDecoder decoder = new ExampleDecoder(space);
            for (Outcome o : Outcome.values()) {
                Optional<Model> m = a.example(enc.outcome(o));
                if (m.isPresent()) {
                    AccessRequest r = q.example(m.get(), enc.outcome(o)).orElseGet(() -> decoder.decode(m.get()));
                    Evaluation e = oracle.evaluate(r);
                    if (opaque.isEmpty()) {
                        assertEquals(o, e.outcome(), () -> "solver's example for " + o + ": " + r + " → " + e);
                    }
                    Statistics.label("outcome reached").collect(o);
                }
            }
            for (Contribution c : enc.contributions()) {
                if (!c.isRule()) {
                    continue;
                }
                Optional<Model> m = a.example(enc.decides(c));
                if (m.isPresent() && opaque.isEmpty()) {
                    AccessRequest r = q.example(m.get(), enc.decides(c)).orElseThrow();
                    Evaluation e = oracle.evaluate(r);
                    assertTrue(e.rules().contains(c.id()), () -> c.id() + " should decide " + r + ": " + e);
                }
            }
        }
    }
}
