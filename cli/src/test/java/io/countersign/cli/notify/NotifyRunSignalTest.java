package io.countersign.cli.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.cli.Main;
import io.countersign.cli.Run;
import io.countersign.cli.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code notify run} in a process of its own, stopped by a real SIGTERM while a slow receiver holds a
 * round in progress: the round finishes, what it delivered is recorded, and the next run delivers
 * only the rest — nothing twice, nothing lost.
 */
class NotifyRunSignalTest {

    @TempDir
    Path dir;
    Workspace ws;
    Receiver receiver;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws IOException {
        ws = Workspace.in(dir);
        receiver = new Receiver();
        env = Map.of("COUNTERSIGN_WEBHOOK_URL", receiver.url(), "COUNTERSIGN_WEBHOOK_SECRET", Receiver.SECRET);
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void sigtermFinishesTheRoundInProgressAndRecordsIt() throws Exception {
        String id = ws.request("alice");
        List<JsonNode> stored = ws.events(id);
        assertTrue(stored.size() >= 3, stored.toString());
        receiver.delay = Duration.ofMillis(1500);

        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "notify", "run", "--until-idle", "--notify", "webhook", "--home=" + ws.home())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            assertTrue(receiver.called.await(60, TimeUnit.SECONDS), "the first delivery arrives");
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process ends");
        } finally {
            p.destroyForcibly();
        }
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        // The JVM reports the signal (128 + 15) once the hook has let the round finish.
        assertEquals(143, p.exitValue(), printed + Files.readString(err, StandardCharsets.UTF_8));
        assertEquals("", Files.readString(err, StandardCharsets.UTF_8));
        assertTrue(printed.contains("round 1: " + stored.size() + " delivered, 0 to retry, 0 dead letters"), printed);
        assertTrue(printed.endsWith(" (1 round; stopped)\n"), printed);
        assertEquals(stored, receiver.accepted(), "the round in progress finished: every event, in sequence");

        receiver.delay = Duration.ZERO;
        Run later = ws.run(env, "notify", "run", "--until-idle", "--notify", "webhook", "--output", "json");
        assertEquals(0, later.exit(), later.err());
        assertEquals("", later.out(), "what the stopped run delivered was recorded: nothing is due");
        assertEquals(stored.size(), receiver.calls.get(), "nothing delivered twice");
    }
}
