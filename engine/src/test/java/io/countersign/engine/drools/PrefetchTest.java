package io.countersign.engine.drools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.countersign.engine.eval.Facts;
import io.countersign.engine.policy.PolicySet;
import io.countersign.lang.source.SourceFile;
import java.util.List;
import java.util.Map;
import org.drools.base.rule.accessor.FieldValue;
import org.drools.core.reteoo.AlphaNode;
import org.drools.core.reteoo.CompositeObjectSinkAdapter;
import org.drools.core.reteoo.EntryPointNode;
import org.drools.core.reteoo.ObjectSinkPropagator;
import org.drools.core.reteoo.ObjectTypeNode;
import org.drools.mvel.EvaluatorConstraint;
import org.junit.jupiter.api.Test;

/**
 * The prefetch table must hold the objects Drools reads for each profile. Nothing else would notice
 * a Drools upgrade that changed the network's shape: decisions stay right, and only the latency at
 * ten thousand rules doubles again.
 */
class PrefetchTest {

    /** Thirty rules, each on its own profile, of the kinds the compiler writes a records constraint for. */
    private static PolicySet profiles(int n) throws Exception {
        StringBuilder p = new StringBuilder("policy team {\n  window hours = mon-fri 08:00-19:00 in \"Europe/Berlin\"\n");
        for (int i = 0; i < n; i++) {
            p.append("  rule r").append(i).append(" {\n    when profile == \"prod-").append(i).append('"');
            p.append(switch (i % 3) {
                case 0 -> " and requester in group \"oncall\" and duration <= 4h\n    then approve\n";
                case 1 -> " and now during hours\n    then approve\n";
                default -> " and requester not in group \"contractors\"\n    then deny \"no\"\n";
            });
            p.append("  }\n");
        }
        return PolicySet.of(List.of(new SourceFile("team.policy", p.append("}\n").toString())));
    }

    @Test
    void holdsForEveryProfileTheObjectsOfDroolsHashedDispatch() throws Exception {
        PolicySet set = profiles(30);
        try (DroolsEvaluator evaluator = new DroolsEvaluator(set)) {
            Prefetch prefetch = evaluator.prefetch();
            assertEquals(30, prefetch.size());
            Map<CompositeObjectSinkAdapter.HashKey, AlphaNode> hashed = hashedSinks(evaluator);
            Map<String, DrlCompiler.Target> targets = DrlCompiler.compile(set).targets();
            for (int i = 0; i < 30; i++) {
                String profile = "prod-" + i;
                Object[] route = prefetch.route(profile);
                assertNotNull(route, profile);
                Map.Entry<?, ?> node = (Map.Entry<?, ?>) route[0];
                CompositeObjectSinkAdapter.HashKey key = (CompositeObjectSinkAdapter.HashKey) route[1];
                assertSame(node.getKey(), key);
                assertEquals(profile, route[2]);
                assertSame(key.getObjectValue(), route[2]);
                AlphaNode alpha = (AlphaNode) route[3];
                assertSame(hashed.get(key), alpha);
                assertSame(node.getValue(), alpha);
                ObjectSinkPropagator adapter = (ObjectSinkPropagator) route[4];
                assertSame(alpha.getObjectSinkPropagator(), adapter);
                // The rule's records constraint: the node after the profile's, its literal, the target.
                AlphaNode records = (AlphaNode) route[5];
                assertSame(adapter.getSinks()[0], records);
                EvaluatorConstraint constraint = (EvaluatorConstraint) route[6];
                assertSame(records.getConstraint(), constraint);
                assertSame(constraint.getRequiredDeclarations(), route[7]);
                FieldValue literal = (FieldValue) route[8];
                assertSame(constraint.getField(), literal);
                assertEquals(Recording.pack(targets.get("team/r" + i)), ((Number) route[9]).intValue());
                assertNotEquals(0, prefetch.touch(profile));
            }
        }
    }

    @Test
    void touchesNothingForAProfileNoRuleNames() throws Exception {
        try (DroolsEvaluator evaluator = new DroolsEvaluator(profiles(30))) {
            assertNull(evaluator.prefetch().route("prod-30"));
            assertEquals(0, evaluator.prefetch().touch("prod-30"));
            assertEquals(0, evaluator.prefetch().touch(""));
        }
    }

    /** Below Drools' hashing threshold (three equalities on a field) there is no dispatch to prefetch. */
    @Test
    void isEmptyWhenDroolsDoesNotHashTheProfiles() throws Exception {
        try (DroolsEvaluator evaluator = new DroolsEvaluator(profiles(2))) {
            assertEquals(0, evaluator.prefetch().size());
            assertEquals(0, evaluator.prefetch().touch("prod-0"));
        }
    }

    private static Map<CompositeObjectSinkAdapter.HashKey, AlphaNode> hashedSinks(DroolsEvaluator evaluator) {
        for (EntryPointNode entry : evaluator.base().getRete().getEntryPointNodes().values()) {
            for (ObjectTypeNode node : entry.getObjectTypeNodes().values()) {
                if (node.getObjectType().isAssignableFrom(Facts.class)) {
                    return ((CompositeObjectSinkAdapter) node.getObjectSinkPropagator()).getHashedSinkMap();
                }
            }
        }
        throw new AssertionError("no type node for Facts");
    }
}
