package io.countersign.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.cli.Run;
import io.countersign.cli.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Anyone may pass their own {@code --policies} folder to a command. What it decides is recorded under
 * that folder's digest and keys, and neither {@code access} nor {@code audit verify} with the
 * repository's policies accept it; decisions made under an earlier revision of the repository verify
 * with {@code --history}, which reads the revision back from git.
 */
class ForgedPoliciesTest {

    @TempDir
    Path dir;
    Workspace ws;

    @BeforeEach
    void repository() throws Exception {
        ws = Workspace.in(dir);
        git("init", "-q");
        git("add", "-A");
        git("commit", "-q", "-m", "policies v1");
    }

    private void git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=t@example.com",
                "-C", ws.policies().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "git " + args[0] + ": " + out);
    }

    /** A copy of the repository's policy folder that its caller changes. */
    private Path copy(String name) throws IOException {
        Path to = dir.resolve(name);
        try (Stream<Path> files = Files.walk(ws.policies())) {
            for (Path f : files.filter(p -> !p.toString().contains(".git")).toList()) {
                Path target = to.resolve(ws.policies().relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }

    private Run with(Path policies, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--policies=" + policies);
        return ws.run(Map.of(), all.toArray(String[]::new));
    }

    private String request(Path policies) {
        Run r = with(policies, "request", "--as", "frank", "--profile", "prod-admin", "--duration", "1h",
                "--justification", "Rotate the database credentials", "-q");
        assertEquals(0, r.exit(), r.err());
        return r.out().strip();
    }

    @Test
    void aGrantFromTheCallersOwnDefaultApprovePolicyIsNeitherAllowedNorAudited() throws Exception {
        Path mine = copy("mine");
        Files.writeString(mine.resolve("production.policy"), """
                policy production {
                  scope profile matches "prod-*"
                  default approve
                }
                """);
        String id = request(mine);
        Run granted = with(mine, "access", "--requester", "frank", "--profile", "prod-admin");
        assertEquals(0, granted.exit(), "under the caller's own policies it is a grant: " + granted.out());

        Run access = ws.decide(Map.of(), "access", "--requester", "frank", "--profile", "prod-admin");
        assertEquals(1, access.exit(), access.out());
        assertTrue(access.out().startsWith("denied: request " + id + " does not verify: "), access.out());
        assertTrue(access.out().contains("the current policies"), access.out());
        for (String history : new String[] {"--output=text", "--history"}) {
            Run audit = ws.decide(Map.of(), "audit", "verify", id, history);
            assertEquals(1, audit.exit(), audit.out() + audit.err());
            assertTrue(audit.out().startsWith("broken: " + id + " at event 1 ("), audit.out());
            assertTrue(audit.out().contains("policy decided it with policy set sha256:"), audit.out());
        }
        Run shown = ws.decide(Map.of(), "show", id);
        assertEquals(1, shown.exit(), shown.out());
        assertTrue(shown.out().contains("DOES NOT VERIFY"), shown.out());
    }

    @Test
    void anApprovalSignedWithAnotherPersonsKeyCopiedIntoTheCallersFolderIsNeitherAllowedNorAudited()
            throws Exception {
        Path mine = copy("mine");
        // alice's public key, filed as bob's: in this folder alice can sign as bob
        Files.copy(mine.resolve("keys/alice.pub"), mine.resolve("keys/bob.pub"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String id = request(ws.policies());
        Run asBob = with(mine, "approve", id, "--as", "bob", "--key", ws.home().resolve("keys/alice.key").toString(),
                "--rationale", "Agreed");
        assertEquals(0, asBob.exit(), asBob.err());

        Run access = ws.decide(Map.of(), "access", "--requester", "frank", "--profile", "prod-admin");
        assertEquals(1, access.exit(), access.out());
        assertTrue(access.out().startsWith("denied: request " + id + " does not verify: "), access.out());
        assertTrue(access.out().contains("which keys/ does not hold for bob"), access.out());
        Run audit = ws.decide(Map.of(), "audit", "verify", id);
        assertEquals(1, audit.exit(), audit.out());
        assertTrue(audit.out().contains("which keys/ does not hold for bob"), audit.out());
        Run shown = ws.decide(Map.of(), "show", id);
        assertEquals(1, shown.exit(), shown.out());
        assertTrue(shown.out().contains("bob  approved  final (group:sre-leads), signed (NOT verified): Agreed"),
                shown.out());
        assertTrue(shown.out().contains("DOES NOT VERIFY"), shown.out());
    }

    @Test
    void aDecisionOfAnEarlierRevisionVerifiesWithTheHistory() throws Exception {
        String id = request(ws.policies());
        Run approved = ws.decide(Map.of(), "approve", id, "--as", "alice", "--rationale", "On the change calendar");
        assertEquals(0, approved.exit(), approved.err());
        // The repository moves on: a rule for another profile, reviewed and committed.
        Files.writeString(ws.policies().resolve("readonly.policy"), """
                policy readonly {
                  scope profile == "prod-readonly"
                  default require approval from 1 of group "sre-leads"
                }
                """);
        git("add", "-A");
        git("commit", "-q", "-m", "policies v2");

        Run current = ws.decide(Map.of(), "audit", "verify", id);
        assertEquals(1, current.exit(), current.out());
        assertTrue(current.out().contains("--history also searches its git history"), current.out());
        Run history = ws.decide(Map.of(), "audit", "verify", id, "--history");
        assertEquals(0, history.exit(), history.out() + history.err());
        assertEquals("1 request checked: all chains and signatures intact\n", history.out());
        Run access = ws.decide(Map.of(), "access", "--requester", "frank", "--profile", "prod-admin");
        assertEquals(0, access.exit(), "the current policies decide it the same way: " + access.out());
    }
}
