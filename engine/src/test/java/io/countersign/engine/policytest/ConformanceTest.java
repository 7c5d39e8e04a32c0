package io.countersign.engine.policytest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.Authorizer;
import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.decide.Outcome;
import io.countersign.engine.json.Json;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.request.AccessRequest;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance corpus: {@code src/test/resources/conformance/TOPIC/} holds small policies and a
 * {@code cases.test.yaml} whose expectations are derived from LANGUAGE.md and
 * docs/language-decisions.md, not from what the engine happens to answer. Each topic directory is
 * one policy set, run as {@code countersign policy test} runs it.
 *
 * <p>Besides the corpus, this class holds the test runner itself to the contract: a failing case
 * exits 1 and says why; an invalid policy or test file exits 2 and runs no case.
 */
class ConformanceTest {

    /** The topics the corpus must cover; a topic directory may be added without changing this list. */
    static final Set<String> TOPICS = Set.of("windows", "operators", "missing-values", "combining", "grants",
            "stages", "risk", "requests", "time-of-use");

    static Path corpus() throws URISyntaxException {
        URL url = ConformanceTest.class.getResource("/conformance");
        if (url == null) {
            throw new IllegalStateException("no conformance folder on the test class path");
        }
        return Path.of(url.toURI());
    }

    static List<Path> topics() throws IOException, URISyntaxException {
        try (Stream<Path> list = Files.list(corpus())) {
            return list.filter(Files::isDirectory).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> topic() throws IOException, URISyntaxException {
        return topics().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            PolicyTestRunner.Report report = PolicyTestRunner.run(dir);
            String text = ReportText.render(report);
            assertEquals(0, report.exitCode(), text);
            assertFalse(report.results().isEmpty(), "no case ran in " + dir + "\n" + text);
        }));
    }

    @Test
    void everyTopicIsThere() throws IOException, URISyntaxException {
        Set<String> found = topics().stream().map(p -> p.getFileName().toString())
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(found.containsAll(TOPICS), "missing topics: " + new TreeSet<>(TOPICS).stream()
                .filter(t -> !found.contains(t)).toList());
    }

    // ---- grants the test format cannot express: review date and renewal

    private static final String AT = "2026-03-02T10:00:00Z";

    private static Evaluation decide(Authorizer authorizer, String profile) throws IOException {
        return authorizer.decide(Json.mapper().readValue("{\"requester\":\"u\",\"profile\":\"" + profile
                + "\",\"duration\":\"1h\",\"at\":\"" + AT + "\"}", AccessRequest.class));
    }

    @Test
    void reviewDateIsTheEarliestAndRenewalNeedsEveryRule() throws Exception {
        Authorizer authorizer = Authorizer.of(PolicySet.load(List.of(corpus().resolve("grants"))));
        Instant at = Instant.parse(AT);

        Evaluation one = decide(authorizer, "review");
        assertEquals(Outcome.APPROVED, one.outcome(), one.rationale());
        assertEquals(at.plus(Duration.ofDays(7)), one.reviewDate());
        assertFalse(one.renewable());

        Evaluation two = decide(authorizer, "review-two");
        assertEquals(Outcome.APPROVED, two.outcome(), two.rationale());
        assertEquals(at.plus(Duration.ofDays(2)), two.reviewDate(), "the earliest review date of the two rules");
        assertTrue(two.renewable(), "both rules say renewable");

        Evaluation renewable = decide(authorizer, "renewable");
        assertTrue(renewable.renewable());
        assertNull(renewable.reviewDate());

        Evaluation some = decide(authorizer, "renew-some");
        assertEquals(Outcome.APPROVED, some.outcome(), some.rationale());
        assertFalse(some.renewable(), "renewable only if every deciding rule says so");
    }

    // ---- undetermined rules and risk factors are listed with the attribute they needed

    private static Evaluation decide(Authorizer authorizer, String profile, String context) throws IOException {
        return authorizer.decide(Json.mapper().readValue("{\"requester\":\"u\",\"profile\":\"" + profile
                + "\",\"duration\":\"1h\",\"context\":" + context + ",\"at\":\"" + AT + "\"}", AccessRequest.class));
    }

    @Test
    void undeterminedRulesAndFactorsAreListed() throws Exception {
        Authorizer authorizer = Authorizer.of(PolicySet.load(List.of(corpus().resolve("missing-values"))));

        Evaluation deny = decide(authorizer, "and-deny", "{\"a\":\"yes\"}");
        assertEquals(Outcome.DENIED, deny.outcome(), deny.rationale());
        assertEquals(List.of(new Evaluation.Undetermined("and-deny/d", "context.b")), deny.undetermined());

        Evaluation approve = decide(authorizer, "or-approve", "{\"a\":\"no\"}");
        assertEquals(Outcome.DENIED, approve.outcome(), approve.rationale());
        assertEquals(List.of(new Evaluation.Undetermined("or-approve/a", "context.b")), approve.undetermined(),
                "an undetermined approve rule does not match, and is listed");

        Evaluation risk = decide(authorizer, "risk-unknown", "{}");
        assertEquals(10, risk.risk().score());
        assertEquals(List.of("risk-unknown/unknown-plus", "risk-unknown/unknown-minus", "risk-unknown/unknown-not"),
                risk.risk().undetermined());
        assertTrue(risk.undetermined().contains(new Evaluation.Undetermined("risk-unknown/unknown-minus", "context.z")),
                risk.undetermined().toString());
    }

    // ---- the runner: a failing case, and invalid inputs

    private static PolicyTestRunner.Report run(Path dir) {
        return PolicyTestRunner.run(dir);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static final String POLICY = """
            policy p {
              default approve
            }
            """;

    @Test
    void aFailingCaseExitsOneAndSaysWhy(@TempDir Path dir) throws IOException {
        write(dir.resolve("p.policy"), POLICY);
        write(dir.resolve("p.test.yaml"), """
                cases:
                  - name: expects the wrong decision
                    request: {requester: u, profile: x, duration: 1h, at: "2026-03-02T10:00:00Z"}
                    expect: {decision: denied}
                """);
        PolicyTestRunner.Report report = run(dir);
        String text = ReportText.render(report);
        assertEquals(1, report.exitCode(), text);
        assertEquals(1, report.results().size(), text);
        assertTrue(text.contains("FAIL " + dir.resolve("p.test.yaml") + ": expects the wrong decision\n"), text);
        assertTrue(text.contains("decision: expected denied\n"), text);
        assertTrue(text.lines().anyMatch(l -> l.trim().equals("got approved")), text);
        assertTrue(text.contains("why:\n"), text);
        assertTrue(text.contains("p/default"), "the explanation names the deciding outcome\n" + text);
        assertTrue(text.endsWith("0 passed, 1 failed\n"), text);
    }

    @Test
    void passingAndFailingCasesAreCounted(@TempDir Path dir) throws IOException {
        write(dir.resolve("p.policy"), POLICY);
        write(dir.resolve("a.test.yaml"), """
                cases:
                  - name: same name in two files is fine
                    request: {requester: u, profile: x, duration: 1h, at: "2026-03-02T10:00:00Z"}
                    expect: {decision: approved}
                  - name: a valid request expected to be rejected
                    request: {requester: u, profile: x, duration: 1h, at: "2026-03-02T10:00:00Z"}
                    expect: {error: requester}
                """);
        write(dir.resolve("sub/b.test.yaml"), """
                cases:
                  - name: same name in two files is fine
                    request: {requester: u, profile: x, duration: 1h, at: "2026-03-02T10:00:00Z"}
                    expect: {decision: approved, rules: [p/default]}
                """);
        PolicyTestRunner.Report report = run(dir);
        String text = ReportText.render(report);
        assertEquals(1, report.exitCode(), text);
        assertEquals(3, report.results().size(), "test files are found recursively\n" + text);
        assertTrue(text.endsWith("2 passed, 1 failed\n"), text);
    }

    private static void assertInvalid(Path dir, String... messages) {
        PolicyTestRunner.Report report = run(dir);
        String text = ReportText.render(report);
        assertEquals(2, report.exitCode(), text);
        assertTrue(report.results().isEmpty(), "no case runs\n" + text);
        assertFalse(report.errors().isEmpty(), text);
        for (String m : messages) {
            assertTrue(text.contains(m), "expected \"" + m + "\" in\n" + text);
        }
        assertFalse(text.contains(" passed, "), "no closing count when no case ran\n" + text);
    }

    private static final String GOOD_CASE = """
              - name: fine
                request: {requester: u, profile: x, duration: 1h, at: "2026-03-02T10:00:00Z"}
                expect: {decision: approved}
            """;

    @Test
    void anUnknownKeyInExpectIsInvalid(@TempDir Path dir) throws IOException {
        write(dir.resolve("p.policy"), POLICY);
        write(dir.resolve("p.test.yaml"), "cases:\n" + GOOD_CASE + """
                  - name: misspelt expectation
                    request: {requester: u, profile: x, duration: 1h, at: "2026-03-02T10:00:00Z"}
                    expect: {decison: approved}
                """);
        assertInvalid(dir, "p.test.yaml", "decison");
    }

    @Test
    void duplicateCaseNamesInAFileAreInvalid(@TempDir Path dir) throws IOException {
        write(dir.resolve("p.policy"), POLICY);
        write(dir.resolve("p.test.yaml"), "cases:\n" + GOOD_CASE + GOOD_CASE);
        assertInvalid(dir, "p.test.yaml", "'fine'");
    }

    @Test
    void aYamlSyntaxErrorIsInvalid(@TempDir Path dir) throws IOException {
        write(dir.resolve("p.policy"), POLICY);
        write(dir.resolve("ok.test.yaml"), "cases:\n" + GOOD_CASE);
        write(dir.resolve("p.test.yaml"), """
                cases:
                  - name: unclosed
                    request: {requester: u, profile: x, duration: 1h
                    expect: {decision: approved}
                """);
        assertInvalid(dir, "p.test.yaml");
    }

    @Test
    void anInvalidPolicyIsInvalid(@TempDir Path dir) throws IOException {
        write(dir.resolve("p.policy"), """
                policy p {
                  rule r {
                    when user.name == "x"
                    then approve
                  }
                }
                """);
        write(dir.resolve("p.test.yaml"), "cases:\n" + GOOD_CASE);
        assertInvalid(dir, "p.policy", "unknown attribute 'user'");
    }

    @Test
    void everyErrorIsPrinted(@TempDir Path dir) throws IOException {
        write(dir.resolve("p.policy"), """
                policy p {
                  rule r {
                    when user.name == "x"
                    then approve
                  }
                }
                """);
        write(dir.resolve("a.test.yaml"), "cases:\n" + GOOD_CASE + GOOD_CASE);
        write(dir.resolve("b.test.yaml"), "cases:\n  - name: [unclosed\n");
        assertInvalid(dir, "p.policy", "a.test.yaml", "b.test.yaml");
    }
}
