package io.countersign.engine.drools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.countersign.engine.Authorizer;
import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.decide.Outcome;
import io.countersign.engine.json.Json;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.policy.PolicySetException;
import io.countersign.engine.request.AccessRequest;
import io.countersign.lang.diag.Diagnostic;
import io.countersign.lang.source.SourceFile;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Conditions of a thousand terms and more compile in time linear in their size, and deep nesting is
 * a diagnostic, never a {@link StackOverflowError}. Joining N terms with {@code and}/{@code or} once
 * compiled in time exponential in N (10 terms 2.4 s, 20 terms 40 s, 300 terms a stack overflow):
 * each condition was one nested MVEL expression, which Drools' parser reads in time exponential in
 * its nesting. Each case builds the knowledge base on a thread with the JVM's usual 1 MB stack, and
 * decides like the reference evaluator.
 */
class LargeConditionsTest {

    /** Generous: about a second on a loaded 2-core machine; the exponential compiler never finished. */
    private static final long BOUND_MS = 10_000;

    private static final ObjectMapper JSON = Json.mapper();

    private static final String[] PREDICATES = {
        "requester in group \"g%d\"", "context.k%d == %d", "duration <= %dh", "requester.level >= %d",
        "permissions contains \"x%d\"", "justification matches \"*%d*\"", "now during mon-fri 08:00-18:00",
        "not has ticket", "requester not in group \"c%d\"", "context.tags contains any [\"t%d\", \"u%d\"]"};

    /** The bounds measure the conditions, not the JVM loading and warming Drools for its first build. */
    @BeforeAll
    static void warmUp() throws Exception {
        Authorizer.of(PolicySet.of(List.of(new SourceFile("warm.policy", rule("profile == \"p\" or context.x == 1")))));
    }

    @Test
    void anOrOfAThousandProfilesCompilesInTimeAndDecides() throws Exception {
        StringBuilder when = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            when.append(i == 0 ? "" : " or ").append("profile == \"p").append(i).append('"');
        }
        Built b = build(rule(when.toString()), BOUND_MS);
        assertDecides(b, "p0", Outcome.APPROVED);
        assertDecides(b, "p999", Outcome.APPROVED);
        assertDecides(b, "p1000", Outcome.DENIED);
        assertFlat(b);
    }

    @Test
    void aMixedTreeOfAThousandTermsCompilesInTimeAndDecides() throws Exception {
        Built b = build(rule(tree(1000, new int[] {0}, false)), BOUND_MS);
        for (String profile : List.of("p1", "p2", "other")) {
            decideBoth(b, profile, "[\"g1\", \"g21\", \"c9\"]", "{\"level\": 7}", "{\"k3\": 3, \"tags\": [\"t11\"]}");
            decideBoth(b, profile, "[]", "{}", "{}");
        }
        assertFlat(b);
    }

    @Test
    void tenThousandTermsCompile() throws Exception {
        StringBuilder or = new StringBuilder();
        StringBuilder and = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            or.append(i == 0 ? "" : " or ").append(predicate(i));
            // distinct profiles and durations: each was a constraint, a chain of alpha nodes that
            // Drools builds and walks recursively
            and.append(i == 0 ? "" : " and ").append(i % 2 == 0 ? "profile == \"p" + i + "\"" : "duration != " + i + "s");
        }
        // a generous bound for ten times the size, so a quadratic step would show (the DRL was: 12 s)
        Built o = build(rule(or.toString()), 6 * BOUND_MS);
        decideBoth(o, "p1", "[\"g1\"]", "{}", "{}");
        decideBoth(o, "p1", "[]", "{}", "{}");
        Built a = build(rule(and.toString()), 6 * BOUND_MS);
        decideBoth(a, "p0", "[]", "{}", "{}");
    }

    @Test
    void nestingAtTheLimitCompilesAndDecides() throws Exception {
        // 100 levels, the parser's limit: 'not (' is two, '(' one; and, or and not alternate
        StringBuilder open = new StringBuilder();
        int depth = 0;
        for (int i = 0; depth < 98; i++) {
            open.append(predicate(i)).append(i % 2 == 0 ? " and " : " or ");
            open.append(i % 5 == 0 ? "not (" : "(");
            depth += i % 5 == 0 ? 2 : 1;
        }
        String when = open + "profile == \"p1\"" + ")".repeat(open.length() - open.toString().replace("(", "").length());
        Built b = build(rule(when), BOUND_MS);
        decideBoth(b, "p1", "[\"g0\"]", "{}", "{}");
        decideBoth(b, "p1", "[]", "{\"level\": 1}", "{\"k1\": 1}");
    }

    @Test
    void nestingPastTheLimitIsADiagnostic() throws Exception {
        String when = "(".repeat(10_000) + "profile == \"p\"" + ")".repeat(10_000);
        AtomicReference<PolicySetException> refused = new AtomicReference<>();
        onUsualStack(() -> {
            try {
                PolicySet.of(List.of(new SourceFile("deep.policy", rule(when))));
            } catch (PolicySetException e) {
                refused.set(e);
            }
            return null;
        });
        assertTrue(refused.get() != null, "a condition nested 10,000 deep was accepted");
        Diagnostic d = refused.get().result().diagnostics().get(0);
        assertTrue(d.message().startsWith("conditions and lists nest too deeply"), d::headline);
        assertEquals("deep.policy", d.loc().file());
        assertEquals(3, d.loc().line());
        assertEquals(10 + 100, d.loc().column(), d::headline); // the 101st '('
    }

    // ---- helpers

    private record Built(PolicySet set, Authorizer drools, Authorizer reference, String drl) {
    }

    private static String rule(String when) {
        return "policy large {\n  rule r {\n    when " + when + "\n    then approve\n  }\n}\n";
    }

    private static String predicate(int i) {
        String p = PREDICATES[i % PREDICATES.length];
        return p.replace("%d", Integer.toString(i % 23 + 1));
    }

    /** A balanced tree, four operands a node, and/or alternating, profile equalities among the leaves. */
    private static String tree(int terms, int[] next, boolean and) {
        if (terms == 1) {
            int i = next[0]++;
            return i % 7 == 0 ? "profile == \"p" + (i % 3) + "\"" : predicate(i);
        }
        StringBuilder b = new StringBuilder();
        int per = (terms + 3) / 4;
        for (int left = terms; left > 0; left -= per) {
            int n = Math.min(per, left);
            b.append(left == terms ? "" : and ? " and " : " or ");
            String sub = tree(n, next, !and);
            b.append(n > 1 ? "(" + sub + ")" : sub);
        }
        return b.toString();
    }

    /** Checks and builds the policy on a thread with the usual stack, within {@code boundMs}. */
    private static Built build(String policy, long boundMs) throws Exception {
        return onUsualStack(() -> {
            long start = System.nanoTime();
            PolicySet set = PolicySet.of(List.of(new SourceFile("large.policy", policy)));
            Authorizer drools = Authorizer.of(set);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < boundMs, () -> "compiling " + policy.length() + " characters took " + ms + " ms");
            return new Built(set, drools, Authorizer.reference(set), DrlCompiler.compile(set).drl());
        });
    }

    private static void assertDecides(Built b, String profile, Outcome expected) throws Exception {
        Evaluation e = decideBoth(b, profile, "[]", "{}", "{}");
        assertEquals(expected, e.outcome(), profile);
    }

    private static Evaluation decideBoth(Built b, String profile, String groups, String attributes, String context)
            throws Exception {
        AccessRequest r = JSON.readValue("{\"requester\":\"u\",\"groups\":" + groups + ",\"attributes\":" + attributes
                + ",\"profile\":\"" + profile + "\",\"permissions\":[\"x3\"],\"duration\":\"2h\",\"context\":"
                + context + ",\"at\":\"2026-03-02T10:00:00Z\"}", AccessRequest.class);
        Evaluation d = onUsualStack(() -> b.drools().decide(r));
        assertEquals(JSON.writeValueAsString(onUsualStack(() -> b.reference().decide(r))), JSON.writeValueAsString(d),
                profile);
        return d;
    }

    /**
     * The rules of the DRL hold no nested expression, whatever the condition: a pattern's parentheses
     * and nothing inside them (the comments above each rule show the condition as written).
     */
    private static void assertFlat(Built b) {
        String rules = b.drl().replaceAll("(?m)^//.*$", "");
        int depth = 0;
        int max = 0;
        for (char c : rules.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            max = Math.max(max, depth);
        }
        int nesting = max;
        assertEquals(1, nesting, () -> "the rules nest " + nesting + " deep:\n" + rules);
    }

    private static <T> T onUsualStack(Callable<T> work) throws Exception {
        AtomicReference<Object> out = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                out.set(work.call());
            } catch (Throwable e) {
                out.set(e);
            }
        }, "usual-stack", 1024 * 1024);
        t.start();
        t.join();
        if (out.get() instanceof Error e) {
            throw new AssertionError("threw " + e, e);
        }
        if (out.get() instanceof Exception e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        T result = (T) out.get();
        return result;
    }
}
