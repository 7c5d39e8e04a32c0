package io.countersign.cli.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay command's input checks, which refuse before any store is opened. Replay itself is held by
 * analysis' ReplayerTest over the Store contract, and end to end on the embedded store by
 * PolicyReplayLifecycleTest.
 */
class PolicyReplayTest {

    @TempDir
    Path dir;

    @Test
    void invalidPoliciesAndReversedIntervalsAreRefusedBeforeTheStoreOpens() throws Exception {
        Files.writeString(dir.resolve("bad.policy"), "policy p {\n  rule r { when user.x == 1 then approve }\n}\n");
        Run bad = Run.of("policy", "replay", "--home", dir.resolve("home").toString(), "--policies", dir.toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("unknown attribute 'user'"), bad.err());
        Run reversed = Run.of("policy", "replay", "--home", dir.resolve("home").toString(), "--policies",
                dir.toString(), "--since", "2026-03-02T00:00:00Z", "--until", "2026-03-01T00:00:00Z");
        assertEquals(2, reversed.exit());
        assertTrue(reversed.err().contains("--since must be before --until"), reversed.err());
        Run instant = Run.of("policy", "replay", "--policies", dir.toString(), "--since", "yesterday");
        assertEquals(2, instant.exit());
        assertTrue(instant.err().contains("'yesterday' is not an instant"), instant.err());
        assertTrue(Files.notExists(dir.resolve("home")), "no store was opened");
    }
}
