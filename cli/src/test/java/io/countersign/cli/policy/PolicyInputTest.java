package io.countersign.cli.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/**
 * The policy subcommands with test files and requests that are wrong in many ways at once: every
 * error is reported with its place, a request the engine cannot take fails its own case, and no
 * message shows the parser's internals.
 */
class PolicyInputTest {

    static final String POLICY = """
            policy production {
              scope profile matches "prod-*"
              default require approval from 1 of group "sre-leads"

              rule readonly {
                when profile == "prod-readonly"
                then approve
              }
            }
            """;

    static final String CASE = """
              - name: %s
                request: {requester: alice, profile: prod-readonly, duration: 1h, at: "%s"}
                expect: {decision: approved}
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void write() throws IOException {
        Files.writeString(dir.resolve("production.policy"), POLICY);
        Files.writeString(dir.resolve("directory.yaml"), "users:\n  alice: {groups: [sre-leads]}\n");
    }

    @Test
    void everyTestFileErrorIsReportedAtOnceWithLineAndColumn() throws IOException {
        Files.writeString(dir.resolve("a.test.yaml"), """
                cases:
                  - name: one
                    request: {requester: alice, profile: prod-readonly, duration: 1h}
                    expect: {decision: approved, risky: 3}
                  - name: two
                    request: {requester: alice, profile: prod-readonly, duration: 1h}
                    expect: {decision: maybe}
                  - request: {requester: alice, profile: prod-readonly, duration: 1h}
                    expect: {risk: high}
                """);
        Files.writeString(dir.resolve("b.test.yaml"), "cases:\n  - name: a\n    request: {requester: alice}\n   expect: x\n");
        Run run = Run.of("policy", "test", dir.toString());
        assertEquals(2, run.exit(), run.out());
        String a = dir.resolve("a.test.yaml").toString();
        String b = dir.resolve("b.test.yaml").toString();
        assertEquals(a + ":4:41: error: case 1 ('one'): unknown field 'expect.risky'\n"
                + a + ":7:24: error: case 2 ('two'): decision 'maybe' is not one of approved, conditional, partial,"
                + " denied, pending\n"
                + a + ":8:5: error: case 3 has no name\n"
                + a + ":9:20: error: case 3: field 'expect.risk': expected a number\n"
                + b + ":4:4: error: not valid YAML: expected the end of the indented block, but found an indented"
                + " mapping (in the block collection at line 2, column 3)\n"
                + "no case was run: fix the errors above\n", run.err());
    }

    @Test
    void aRunFilterThatSelectsNothingFails() throws IOException {
        Files.writeString(dir.resolve("a.test.yaml"), "cases:\n" + CASE.formatted("reads at once", "2026-03-02T10:00:00Z"));
        Run typo = Run.of("policy", "test", "--run", "read at once", dir.toString());
        assertEquals(2, typo.exit(), typo.out());
        assertTrue(typo.err().contains("--run 'read at once' selects no case"), typo.err());
        assertEquals(0, Run.of("policy", "test", "--run", "reads", dir.toString()).exit());
    }

    @Test
    void aRequestTheEngineCannotTakeFailsItsCaseAndTheRunGoesOn() throws IOException {
        Files.writeString(dir.resolve("a.test.yaml"), "cases:\n"
                + CASE.formatted("far future", "+999999999-12-31T23:59:59Z")
                + CASE.formatted("fine", "2026-03-02T10:00:00Z")
                + """
                  - name: null group
                    request: {requester: alice, groups: [null], profile: prod-readonly, duration: 1h}
                    expect: {decision: approved}
                """);
        Run run = Run.of("policy", "test", dir.toString());
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.out().contains("field 'at': is +999999999-12-31T23:59:59Z: an instant must lie within the years"
                + " 1 to 9999"), run.out());
        assertTrue(run.out().contains("ok   " + dir.resolve("a.test.yaml") + ": fine"), run.out());
        assertTrue(run.out().contains("field 'groups[0]': is null"), run.out());
        assertTrue(run.out().contains("1 passed, 2 failed"), run.out());
        assertFalse(run.out().contains("Exception") || run.err().contains("internal error"), run.out() + run.err());
    }

    @Test
    void aRequestFileIsReadStrictlyAndItsErrorsNameFileAndPlace() throws IOException {
        Path latin1 = dir.resolve("r.json");
        Files.write(latin1, new byte[] {'{', '"', 'r', (byte) 0xE9, '"', ':', '1', '}'});
        Run bad = Run.of("policy", "explain", dir.toString(), "--request", latin1.toString());
        assertEquals(2, bad.exit());
        assertEquals("countersign: " + latin1 + ": not valid UTF-8 text (byte 4): save it as UTF-8\n", bad.err());

        Path array = dir.resolve("a.json");
        Files.writeString(array, "[1, 2]");
        Run wrong = Run.of("policy", "explain", "--policies", dir.toString(), "--request", array.toString());
        assertEquals(2, wrong.exit());
        assertEquals("countersign: invalid request: " + array + ":1:1: expected an object at the top\n", wrong.err());
        assertFalse(wrong.err().contains("Cannot deserialize"), wrong.err());

        Path typed = dir.resolve("t.json");
        Files.writeString(typed, "{\"requester\": \"alice\", \"profile\": \"prod-readonly\",\n \"duration\": [1]}");
        Run field = Run.of("policy", "explain", "--policies", dir.toString(), "--request", typed.toString());
        assertEquals(2, field.exit());
        assertTrue(field.err().startsWith("countersign: invalid request: " + typed + ":2:14: field 'duration'"), field.err());
    }

    @Test
    void explainPrintsDurationsAsPeopleWriteThem() throws IOException {
        Path request = dir.resolve("r.json");
        Files.writeString(request, "{\"requester\":\"alice\",\"profile\":\"prod-readonly\",\"duration\":\"90m\"}");
        Run run = Run.of("policy", "explain", "--policies", dir.toString(), "--request", request.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("granted 1h30m\n"), run.out());
        assertFalse(run.out().contains("PT1H30M"), run.out());
    }

    @Test
    void everyPolicySubcommandTakesTheDirectoryTheSameWayAndPrintsJson() throws IOException {
        Files.writeString(dir.resolve("a.test.yaml"), "cases:\n" + CASE.formatted("reads at once", "2026-03-02T10:00:00Z"));
        for (String command : new String[] {"check", "fmt", "test", "compile"}) {
            Run positional = Run.of("policy", command, dir.toString(), "--output", "json");
            assertEquals(0, positional.exit(), command + ": " + positional.err());
            JsonNode json = Json.mapper().readTree(positional.out());
            assertTrue(json.isObject(), command + ": " + positional.out());
            Run option = Run.of("policy", command, "--policies", dir.toString(), "--output", "json");
            assertEquals(0, option.exit(), command + ": " + option.err());
            assertEquals(json.toString().length() > 0, option.out().length() > 0);
            Run both = Run.of("policy", command, dir.toString(), "--policies", dir.resolve("other").toString());
            assertEquals(2, both.exit(), command);
            assertTrue(both.err().contains("once"), command + ": " + both.err());
        }
        JsonNode fmt = Json.mapper().readTree(Run.of("policy", "fmt", "--check", dir.toString(), "--output", "json").out());
        assertEquals(1, fmt.get("files").asInt());
        assertTrue(fmt.get("unformatted").isArray());
        JsonNode compiled = Json.mapper().readTree(Run.of("policy", "compile", dir.toString(), "--output", "json").out());
        assertTrue(compiled.get("text").asText().contains("rule \"production/readonly\""), compiled.toString());
    }
}
