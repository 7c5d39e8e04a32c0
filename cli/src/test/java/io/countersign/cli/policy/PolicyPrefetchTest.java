package io.countersign.cli.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.policy.PolicyDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is read early is taken only by a read of the same directory, once, and only when it was read cleanly. */
class PolicyPrefetchTest {

    static final String POLICY = """
            policy p {
              scope profile matches "prod-*"
              default require approval from 1 of group "leads"
            }
            """;

    @TempDir
    Path dir;

    private Path policies(String name, String text) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.writeString(d.resolve("p.policy"), text);
        Files.writeString(d.resolve("directory.yaml"), "users:\n  lead: {groups: [leads]}\n");
        return d;
    }

    @Test
    void theDirectoryACommandNamesIsReadOnceAndTakenByThatDirectoryAlone() throws Exception {
        Path a = policies("a", POLICY);
        Path b = policies("b", POLICY);
        PolicyPrefetch.start(List.of("show", "ID", "--policies", a.toString()), k -> null);
        assertEquals(Optional.empty(), PolicyPrefetch.take(b), "another directory reads its own");
        PolicyPrefetch.start(List.of("approve", "ID", "--policies=" + a), k -> null);
        PolicyDirectory early = PolicyPrefetch.take(a.resolve("../a")).orElseThrow();
        assertEquals(PolicyDirectory.load(a).set().digest(), early.set().digest());
        assertTrue(early.directory().user("lead").isPresent());
        assertEquals(Optional.empty(), PolicyPrefetch.take(a), "taken once");
    }

    @Test
    void theEnvironmentNamesItWhenNoOptionDoes() throws Exception {
        Path a = policies("env", POLICY);
        PolicyPrefetch.start(List.of("list", "--inbox"), Map.of("COUNTERSIGN_POLICIES", a.toString())::get);
        assertTrue(PolicyPrefetch.take(a).isPresent());
    }

    @Test
    void aDirectoryWithProblemsOrAServerOrAnotherCommandIsNotTaken() throws Exception {
        Path broken = policies("broken", "policy p {");
        PolicyPrefetch.start(List.of("show", "ID", "--policies", broken.toString()), k -> null);
        assertEquals(Optional.empty(), PolicyPrefetch.take(broken), "read again by the command, which prints why");
        Path a = policies("fine", POLICY);
        PolicyPrefetch.start(List.of("show", "ID", "--server", "https://cs.example", "--policies", a.toString()), k -> null);
        assertEquals(Optional.empty(), PolicyPrefetch.take(a), "a server reads its own policies");
        PolicyPrefetch.start(List.of("policy", "check", a.toString(), "--policies", a.toString()), k -> null);
        assertEquals(Optional.empty(), PolicyPrefetch.take(a), "policy check reads with its own diagnostics");
    }
}
