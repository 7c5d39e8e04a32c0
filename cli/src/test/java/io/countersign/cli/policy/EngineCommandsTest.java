package io.countersign.cli.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.cli.Run;
import io.countersign.engine.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** policy test, explain, compile and bench on a small real policy set. */
class EngineCommandsTest {

    static final String POLICY = """
            policy prod {
              scope profile matches "prod-*"
              risk contractor +40 when requester.employment == "contractor"

              rule readonly {
                when profile == "prod-readonly" and requester in group "oncall"
                then approve
                  stipulate "Session is recorded"
              }

              rule admin {
                when profile == "prod-admin"
                then require approval from 2 of group "sre-leads"
              }
            }
            """;

    static final String CASES = """
            cases:
              - name: on-call reads at once
                request: {requester: alice, groups: [oncall], profile: prod-readonly, duration: 1h, at: "2026-03-02T10:00:00Z"}
                expect: {decision: conditional, rules: [prod/readonly], stipulations: ["Session is recorded"]}
              - name: admin waits for two leads
                request: {requester: bob, profile: prod-admin, duration: 1h, at: "2026-03-02T10:00:00Z"}
                expect: {decision: pending, stages: [{need: 2, from: ["group:sre-leads"]}]}
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void write() throws IOException {
        Files.writeString(dir.resolve("prod.policy"), POLICY);
        Files.writeString(dir.resolve("prod.test.yaml"), CASES);
    }

    @Test
    void testPassesAndClosesWithTheCount() {
        Run run = Run.of("policy", "test", dir.toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("ok   " + dir.resolve("prod.test.yaml") + ": on-call reads at once\n"), run.out());
        assertTrue(run.out().endsWith("2 passed, 0 failed\n"), run.out());
    }

    @Test
    void aFailingCaseShowsExpectedGotAndWhyAndExitsOne() throws IOException {
        Files.writeString(dir.resolve("prod.test.yaml"), CASES.replace("decision: pending", "decision: approved"));
        Run run = Run.of("policy", "test", dir.toString());
        assertEquals(1, run.exit());
        assertTrue(run.out().contains("FAIL " + dir.resolve("prod.test.yaml") + ": admin waits for two leads"), run.out());
        assertTrue(run.out().contains("decision: expected approved"), run.out());
        assertTrue(run.out().contains("got pending"), run.out());
        assertTrue(run.out().contains("why:"), run.out());
        assertTrue(run.out().contains("prod/readonly: not matched: profile == \"prod-readonly\" is false at "), run.out());
        assertTrue(run.out().endsWith("1 passed, 1 failed\n"), run.out());
    }

    @Test
    void runSelectsCasesAndJsonOutputIsOneObject() throws IOException {
        Run run = Run.of("policy", "test", "--run", "admin", "--output", "json", dir.toString());
        assertEquals(0, run.exit(), run.err());
        JsonNode json = Json.mapper().readTree(run.out());
        assertEquals(1, json.get("passed").asInt());
        assertEquals(0, json.get("failed").asInt());
        assertEquals("admin waits for two leads", json.get("cases").get(0).get("name").asText());
    }

    @Test
    void anInvalidTestFileRunsNoCaseAndExitsTwo() throws IOException {
        Files.writeString(dir.resolve("bad.test.yaml"), "cases:\n  - name: x\n    request: {}\n    expct: {}\n");
        Run run = Run.of("policy", "test", dir.toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("bad.test.yaml:4:12: error: case 1: unknown field 'expct'"), run.err());
        assertTrue(run.err().contains("no case was run"), run.err());
    }

    @Test
    void explainSaysWhyForPeopleAndForPrograms() throws IOException {
        Path request = dir.resolve("r.json");
        Files.writeString(request, "{\"requester\":\"carol\",\"attributes\":{\"employment\":\"contractor\"},"
                + "\"profile\":\"prod-admin\",\"duration\":\"2h\",\"at\":\"2026-03-02T10:00:00Z\"}");
        Run text = Run.of("policy", "explain", "--policies", dir.toString(), "--request", request.toString());
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().startsWith("pending: Requires approval: 2 of group:sre-leads"), text.out());
        assertTrue(text.out().contains("risk 40, prod/contractor +40"), text.out());
        Run json = Run.of("policy", "explain", "--policies", dir.toString(), "--request", request.toString(),
                "--output", "json");
        JsonNode x = Json.mapper().readTree(json.out());
        assertEquals("pending", x.get("evaluation").get("outcome").asText());
        assertEquals("not matched", x.get("policies").get(0).get("rules").get(0).get("status").asText());
    }

    @Test
    void explainNamesTheBadFieldOfARequest() throws IOException {
        Path request = dir.resolve("r.json");
        Files.writeString(request, "{\"requester\":\"carol\",\"profile\":\"prod-admin\",\"duration\":\"soon\"}");
        Run run = Run.of("policy", "explain", "--policies", dir.toString(), "--request", request.toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("field 'duration'"), run.err());
    }

    @Test
    void compileEmitsTheDrlTheEngineRuns() {
        Run run = Run.of("policy", "compile", "--emit", "drl", dir.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("rule \"prod/admin\""), run.out());
        // The last constraint records the match (Operators: records), so the rule never becomes an activation.
        assertTrue(run.out().matches("(?s).*\\$f : Facts\\( profile == \"prod-admin\", this records \\d+ \\) @watch\\( !\\* \\).*"),
                run.out());
    }

    @Test
    void benchReportsTheKeysAsJson() throws IOException {
        Path requests = dir.resolve("requests.jsonl");
        Files.writeString(requests, "{\"requester\":\"alice\",\"groups\":[\"oncall\"],\"profile\":\"prod-readonly\","
                + "\"duration\":\"1h\",\"at\":\"2026-03-02T10:00:00Z\"}\n{\"requester\":\"bob\",\"profile\":\"prod-admin\","
                + "\"duration\":\"1h\",\"at\":\"2026-03-02T10:00:00Z\"}\n");
        Run run = Run.of("policy", "bench", "--policies", dir.toString(), "--requests", requests.toString(),
                "--seconds", "0.3", "--output", "json");
        assertEquals(0, run.exit(), run.err());
        JsonNode json = Json.mapper().readTree(run.out());
        for (String key : new String[] {"decisions", "decisionsPerSecond", "p50Micros", "p90Micros", "p99Micros"}) {
            assertTrue(json.has(key), key + " in " + run.out());
        }
        assertTrue(json.get("decisions").asLong() > 0);
        assertTrue(json.get("p50Micros").asDouble() <= json.get("p99Micros").asDouble());
    }
}
