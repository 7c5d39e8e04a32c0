package io.countersign.analysis.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.z3.Model;
import io.countersign.analysis.oracle.Oracle;
import io.countersign.analysis.smt.Analysis;
import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.decide.Outcome;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.request.AccessRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The example policies encoded: every outcome and every rule's decision is reached, as the evaluator says. */
class ExamplePoliciesEncodingTest {

    @Test
    void everyOutcomeAndEveryRuleHasAnExampleTheEvaluatorConfirms() throws Exception {
        PolicySet set = PolicySet.load(List.of(Path.of("../policies")));
        try (Analysis a = new Analysis()) {
            RequestSpace space = new RequestSpace(a.ctx(), Vocabulary.of(List.of(set)));
            List<Opaque> opaque = new ArrayList<>();
            SetEncoding enc = new SetEncoding(space, set, opaque);
            a.background(space.constraints(), 20_000);
            ExampleDecoder decoder = new ExampleDecoder(space);
            Oracle oracle = new Oracle(set);
            for (Outcome o : Outcome.values()) {
                Optional<Model> m = a.example(enc.outcome(o));
                assertTrue(m.isPresent(), "no example for " + o);
                AccessRequest r = decoder.decode(m.get());
                Evaluation e = oracle.evaluate(r);
                assertEquals(o, e.outcome(), () -> "example " + r + " gives " + e.outcome() + ": " + e.rationale());
            }
            for (Contribution c : enc.contributions()) {
                if (!c.isRule()) {
                    continue;
                }
                Optional<Model> m = a.example(enc.decides(c));
                assertTrue(m.isPresent(), "no request where " + c.id() + " decides");
                AccessRequest r = decoder.decode(m.get());
                Evaluation e = oracle.evaluate(r);
                assertTrue(e.rules().contains(c.id()), () -> c.id() + " should decide " + r + " but " + e.rules()
                        + " did: " + e.rationale());
            }
            assertTrue(opaque.isEmpty(), "outside the core: " + opaque);
        }
    }
}
