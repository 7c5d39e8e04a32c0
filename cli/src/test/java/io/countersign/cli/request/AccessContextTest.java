package io.countersign.cli.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.cli.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code access --context}: the repository's break-glass rule grants through the gateway's question. */
class AccessContextTest {

    static final String POLICIES = Path.of("..", "policies").toAbsolutePath().normalize().toString();

    @TempDir
    Path home;

    private Run access(String... more) {
        String[] base = {"access", "--requester", "alice", "--profile", "breakglass-prod", "--policies", POLICIES,
            "--home", home.toString(), "--at", "2026-03-02T10:00:00Z"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return Run.of(all);
    }

    @Test
    void anIncidentInTheContextLetsTheOnCallEngineerIn() {
        Run without = access();
        assertEquals(1, without.exit(), without.out() + without.err());
        assertTrue(without.out().startsWith("denied: "), without.out());

        Run with = access("--context", "incident=INC-7");
        assertEquals(0, with.exit(), with.out() + with.err());
        assertTrue(with.out().startsWith("allowed until 2026-03-02T11:00:00Z: approved at once by break-glass/oncall-incident"),
                with.out());
        assertTrue(with.out().contains("conditions: session_recording=true"), with.out());

        Run keyless = access("--context", "=INC-7");
        assertEquals(2, keyless.exit(), keyless.out() + keyless.err());
        assertTrue(keyless.err().contains("has no key"), keyless.err());
    }
}
