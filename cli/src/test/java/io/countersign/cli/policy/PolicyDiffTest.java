package io.countersign.cli.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.cli.Run;
import io.countersign.engine.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyDiffTest {

    static final String BEFORE = """
            policy prod {
              rule oncall {
                when requester in group "oncall"
                then approve
              }
            }
            """;
    static final String AFTER = """
            policy prod {
              rule oncall {
                when requester in group "oncall" and duration <= 4h
                then approve
              }

              rule oncall-long {
                when requester in group "oncall" and duration > 4h
                then require approval from 2 of group "sre-leads"
              }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void twoDirectoriesTextAndJson() throws Exception {
        Path old = Files.createDirectories(dir.resolve("old"));
        Path neu = Files.createDirectories(dir.resolve("new"));
        Files.writeString(old.resolve("prod.policy"), BEFORE);
        Files.writeString(neu.resolve("prod.policy"), AFTER);
        Run run = Run.of("policy", "diff", old.toString(), neu.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("1 kind of decision changes from " + old + " to " + neu + ":"), run.out());
        assertTrue(run.out().contains("  approved at once → needs 2 of group:sre-leads\n"
                + "    decided by prod/oncall before, prod/oncall-long now\n    e.g. {requester "), run.out());
        assertEquals(1, Run.of("policy", "diff", "--exit-code", old.toString(), neu.toString()).exit());
        JsonNode json = Json.mapper().readTree(Run.of("policy", "diff", "--format", "json", old.toString(),
                neu.toString()).out());
        assertEquals("needs 2 of group:sre-leads", json.at("/changes/0/after").asText());
        assertTrue(json.at("/complete").asBoolean());
        String github = Run.of("policy", "diff", "--format", "github", old.toString(), neu.toString()).out();
        assertTrue(github.startsWith("::notice file=" + neu.resolve("prod.policy") + ",line=7,col=3,"), github);
        assertEquals(0, Run.of("policy", "diff", "--exit-code", old.toString(), old.toString()).exit());
    }

    @Test
    void againstAGitRevision() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Path policies = Files.createDirectories(repo.resolve("policies"));
        Files.writeString(policies.resolve("prod.policy"), BEFORE);
        git(repo, "init", "-q");
        git(repo, "add", ".");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "before");
        Files.writeString(policies.resolve("prod.policy"), AFTER);
        Run run = Run.of("policy", "diff", "--base", "HEAD", policies.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("approved at once → needs 2 of group:sre-leads"), run.out());
        Run bad = Run.of("policy", "diff", "--base", "no-such-rev", policies.toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().startsWith("countersign: git ls-tree failed: "), bad.err());
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertEquals(0, p.waitFor());
    }
}
