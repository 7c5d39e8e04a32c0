package io.countersign.cli.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.cli.Run;
import io.countersign.engine.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLintTest {

    static final String SHADOWED = """
            policy db {
              rule readers {
                when profile == "db" and requester in group "eng"
                then approve
              }

              rule everyone {
                when profile matches "d*"
                then require approval from 1 of group "dba"
              }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void findingsArePrintedWithPositionCodeAndExampleAndFailOnWarning() throws Exception {
        Path file = dir.resolve("db.policy");
        Files.writeString(file, SHADOWED);
        Run run = Run.of("policy", "lint", dir.toString());
        assertEquals(0, run.exit(), run.err()); // warnings pass by default
        assertTrue(run.out().contains(file + ":2:3: warning: rule db/readers can never decide: db/everyone (require"
                + " approval) decides whenever it fires [CS-L002 shadowed-rule]"), run.out());
        assertTrue(run.out().contains("    e.g. {"), run.out());
        assertTrue(run.out().endsWith("1 file, 2 rules: 0 errors, 1 warning, 0 notes\n"), run.out());
        assertEquals(1, Run.of("policy", "lint", "--fail-on", "warning", dir.toString()).exit());
    }

    @Test
    void levelsComeFromLintYamlAndFlags() throws Exception {
        Files.writeString(dir.resolve("db.policy"), SHADOWED);
        Files.writeString(dir.resolve("lint.yaml"), "severity:\n  shadowed-rule: error\n");
        Run run = Run.of("policy", "lint", dir.toString());
        assertEquals(1, run.exit(), run.out());
        assertTrue(run.out().contains(": error: rule db/readers"), run.out());
        Run off = Run.of("policy", "lint", "--severity", "CS-L002=off", dir.toString());
        assertEquals(0, off.exit());
        assertTrue(off.out().endsWith("0 errors, 0 warnings, 0 notes\n"), off.out());
        Run bad = Run.of("policy", "lint", "--severity", "nope=error", dir.toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("unknown finding 'nope'"), bad.err());
    }

    @Test
    void jsonSarifAndGithubFormats() throws Exception {
        Path file = dir.resolve("db.policy");
        Files.writeString(file, SHADOWED);
        JsonNode json = Json.mapper().readTree(Run.of("policy", "lint", "--format", "json", dir.toString()).out());
        JsonNode f = json.get("findings").get(0);
        assertEquals("CS-L002", f.get("code").asText());
        assertEquals(2, f.get("line").asInt());
        assertEquals("db", f.get("example").get("profile").asText());
        assertTrue(f.get("confirmed").asBoolean());
        JsonNode sarif = Json.mapper().readTree(Run.of("policy", "lint", "--format", "sarif", dir.toString()).out());
        assertEquals("2.1.0", sarif.get("version").asText());
        JsonNode result = sarif.get("runs").get(0).get("results").get(0);
        assertEquals("CS-L002", result.get("ruleId").asText());
        assertEquals(2, result.at("/locations/0/physicalLocation/region/startLine").asInt());
        String github = Run.of("policy", "lint", "--format", "github", dir.toString()).out();
        assertTrue(github.startsWith("::warning file=" + file + ",line=2,col=3,"), github);
        assertTrue(github.contains("title=CS-L002 shadowed-rule::rule db/readers"), github);
        assertTrue(github.contains("%0Ae.g. {"), github);
    }

    @Test
    void invalidPoliciesExitTwoWithTheirDiagnostics() throws Exception {
        Files.writeString(dir.resolve("bad.policy"), "policy p {\n  rule r { when user.x == 1 then approve }\n}\n");
        Run run = Run.of("policy", "lint", dir.toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("unknown attribute 'user'"), run.err());
    }

    @Test
    void checkSpeaksTheSameFormats() throws Exception {
        Path bad = dir.resolve("bad.policy");
        Files.writeString(bad, "policy p {\n  rule r { when user.x == 1 then approve }\n}\n");
        Run json = Run.of("policy", "check", "--format", "json", dir.toString());
        assertEquals(2, json.exit());
        JsonNode f = Json.mapper().readTree(json.out()).get("findings").get(0);
        assertEquals("CS-C001", f.get("code").asText());
        assertEquals(2, f.get("line").asInt());
        Run sarif = Run.of("policy", "check", "--format", "sarif", dir.toString());
        assertEquals("error", Json.mapper().readTree(sarif.out()).at("/runs/0/results/0/level").asText());
        Run github = Run.of("policy", "check", "--format", "github", dir.toString());
        assertTrue(github.out().startsWith("::error file=" + bad + ",line=2,col="), github.out());
    }
}
