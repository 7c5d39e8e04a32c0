package io.countersign.cli.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.cli.Main;
import io.countersign.cli.Run;
import io.countersign.cli.Workspace;
import io.countersign.engine.json.Json;
import io.countersign.store.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code notify run}, {@code notify failed}, {@code notify retry} and {@code sweep --notify} in-process
 * against the embedded store, delivering to a real HTTP receiver on loopback. Each test has a home of
 * its own: the outbox is the whole store's.
 */
class NotifyCommandsTest {

    @TempDir
    Path dir;
    Workspace ws;
    Receiver receiver;
    /** The webhook's settings as a deployment gives them: the URL and, only ever here, the secret. */
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
    void notifyRunDeliversALifecycleSignedInOrderAndThenHasNothingToDo() throws IOException {
        String id = ws.request("alice");
        List<JsonNode> stored = ws.events(id);
        assertTrue(stored.size() >= 3, stored.toString());

        Run run = ws.run(env, "notify", "run", "--until-idle", "--notify", "webhook");
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().matches("(?s)\\S+Z  round 1: " + stored.size() + " delivered, 0 to retry, 0 dead letters,"
                + " 0 waiting\ndone: " + stored.size() + " delivered, 0 to retry, 0 dead letters, 0 waiting \\(2 rounds;"
                + " nothing due\\)\n"), run.out());
        assertEquals(0, receiver.badSignatures.get(), "every delivery is signed with the secret from the environment");
        assertEquals(stored, receiver.accepted(), "the stored envelopes, in sequence");

        Run again = ws.run(env, "notify", "run", "--until-idle", "--notify", "webhook", "--output", "json");
        assertEquals(0, again.exit(), again.err());
        assertEquals("", again.out(), "no round did anything: no line");
        assertEquals(stored.size(), receiver.calls.get(), "delivered events leave the outbox");
    }

    @Test
    void refusedEventsBecomeDeadLettersThatRetryPutsBackForALaterRun() throws IOException {
        receiver.status = 400;
        String id = ws.request("alice");
        List<JsonNode> stored = ws.events(id);
        Run refused = ws.run(env, "notify", "run", "--until-idle", "--notify", "webhook", "--output", "json");
        assertEquals(0, refused.exit(), refused.err());
        JsonNode round = Json.mapper().readTree(refused.out().lines().findFirst().orElseThrow());
        assertEquals(stored.size(), round.get("dead").asInt(), refused.out());
        assertTrue(receiver.accepted().isEmpty());

        Run failed = ws.run(Map.of(), "notify", "failed");
        assertEquals(0, failed.exit(), failed.err());
        for (JsonNode e : stored) {
            assertTrue(failed.out().contains(e.get("id").asText() + "  "), failed.out());
        }
        assertTrue(failed.out().contains(id + "#1  1 attempt  webhook: 127.0.0.1 answered 400\n"), failed.out());
        assertTrue(failed.out().endsWith(stored.size() + " dead letters: countersign notify retry EVENT_ID puts one back"
                + " in the outbox\n"), failed.out());

        JsonNode dead = Json.mapper().readTree(ws.run(Map.of(), "notify", "failed", "--output", "json").out());
        assertEquals(stored.size(), dead.size(), dead.toString());
        JsonNode first = dead.get(0);
        assertEquals(stored.get(0).get("id"), first.get("eventId"));
        assertEquals(id, first.get("requestId").asText());
        assertEquals("request.created", first.get("type").asText());
        assertEquals(1, first.get("attempts").asInt());
        assertEquals(stored.get(0).get("time"), first.get("time"));

        Run unknown = ws.run(Map.of(), "notify", "retry", "no-such-event");
        assertEquals(2, unknown.exit(), unknown.out());
        assertEquals("countersign: no dead letter has the event id 'no-such-event' (notify failed lists them)\n",
                unknown.err());

        String eventId = first.get("eventId").asText();
        Run retried = ws.run(Map.of(), "notify", "retry", eventId);
        assertEquals(0, retried.exit(), retried.err());
        assertEquals(eventId + " is back in the outbox\n", retried.out());
        assertEquals(stored.size() - 1, Json.mapper().readTree(ws.run(Map.of(), "notify", "failed", "--output", "json")
                .out()).size());

        receiver.status = 200;
        Run later = ws.run(env, "notify", "run", "--until-idle", "--notify", "webhook");
        assertEquals(0, later.exit(), later.err());
        assertTrue(later.out().contains("round 1: 1 delivered, 0 to retry, 0 dead letters"), later.out());
        assertEquals(List.of(stored.get(0)), receiver.accepted());
        assertEquals(stored.size() - 1, Json.mapper().readTree(ws.run(Map.of(), "notify", "failed", "--output", "json")
                .out()).size(), "the others stay dead letters");
    }

    @Test
    void sweepDeliversWhenANotifierIsConfiguredAndSaysNothingOtherwise() throws IOException {
        String id = ws.request("alice");
        List<JsonNode> stored = ws.events(id);

        Run quiet = ws.decide(env, "sweep");
        assertEquals(0, quiet.exit(), quiet.err());
        assertEquals("swept: 0 expired, 0 escalated, 0 ended, 0 reviews due\n", quiet.out());
        Run quietJson = ws.decide(env, "sweep", "--output", "json");
        assertEquals("{\"expired\":[],\"escalated\":[],\"ended\":[],\"reviewsDue\":[]}\n", quietJson.out());
        assertEquals(0, receiver.calls.get(), "no notifier configured, nothing delivered");

        Run swept = ws.decide(env, "sweep", "--notify", "webhook");
        assertEquals(0, swept.exit(), swept.err());
        assertEquals("swept: 0 expired, 0 escalated, 0 ended, 0 reviews due\nnotified webhook: " + stored.size()
                + " delivered, 0 to retry, 0 dead letters, 0 waiting\n", swept.out());
        assertEquals(stored, receiver.accepted());

        // notify.yaml in the home names the notifier: no --notify needed; the secret stays in the environment.
        Files.writeString(ws.home().resolve("notify.yaml"), "webhook:\n  url: " + receiver.url() + "\n");
        String next = ws.request(null);
        Run byFile = ws.decide(Map.of("COUNTERSIGN_WEBHOOK_SECRET", Receiver.SECRET), "sweep", "--output", "json");
        assertEquals(0, byFile.exit(), byFile.err());
        JsonNode delivery = Json.mapper().readTree(byFile.out()).get("delivery");
        assertEquals(ws.events(next).size(), delivery.get("delivered").asInt(), byFile.out());
        assertEquals(0, delivery.get("dead").asInt(), byFile.out());
        List<JsonNode> all = new ArrayList<>(stored);
        all.addAll(ws.events(next));
        assertEquals(all, receiver.accepted());
    }

    @Test
    void aMisconfiguredNotifierIsOneLineAndExitTwoBeforeAnythingHappens() throws IOException {
        assertOneLine(ws.run(Map.of(), "notify", "run", "--until-idle", "--notify", "webhook"),
                "countersign: webhook notifier: 'url' is not set (in notify.yaml, or COUNTERSIGN_WEBHOOK_URL)");
        assertOneLine(ws.run(Map.of("COUNTERSIGN_WEBHOOK_URL", receiver.url()), "notify", "run", "--until-idle", "--notify",
                "webhook"), "countersign: webhook notifier: the signing secret must be at least 16 bytes"
                + " (set COUNTERSIGN_WEBHOOK_SECRET)");
        assertOneLine(ws.run(env, "notify", "run", "--until-idle", "--notify", "pager"),
                "countersign: unknown notifier 'pager' (known: webhook, sns)");
        assertOneLine(ws.run(env, "notify", "run", "--until-idle", "--notify", "sns"),
                "countersign: sns notifier: 'topic-arn' is not set (in notify.yaml, or COUNTERSIGN_SNS_TOPIC_ARN)");
        assertOneLine(ws.run(Map.of(), "notify", "run", "--until-idle"),
                "countersign: no notifier configured: name one with --notify NAME (or COUNTERSIGN_NOTIFY), or give it a"
                        + " section in " + ws.home().resolve("notify.yaml"));
        Path missing = dir.resolve("nowhere.yaml");
        assertOneLine(ws.run(env, "notify", "run", "--until-idle", "--notify-config", missing.toString()),
                "countersign: notify config " + missing + " is not a file");

        Path config = dir.resolve("notify.yaml");
        Files.writeString(config, "webhook:\n  url: " + receiver.url() + "\n  secret: " + Receiver.SECRET + "\n");
        assertOneLine(ws.decide(env, "sweep", "--notify-config", config.toString()),
                "countersign: webhook notifier: 'secret' is a secret and may not be written in notify.yaml: set"
                        + " COUNTERSIGN_WEBHOOK_SECRET instead");
        Files.writeString(config, "webhook:\n  url: [http://127.0.0.1:8080/hook\n");
        assertOneLine(ws.run(env, "notify", "run", "--until-idle", "--notify-config", config.toString()),
                "countersign: notify config " + config + " is not valid YAML (line 2, column 35)");
        Files.writeString(config, "webhook:\n  url: " + receiver.url() + "\n  timeout-seconds: soon\n");
        assertOneLine(Run.in(Map.of("COUNTERSIGN_WEBHOOK_SECRET", Receiver.SECRET, "COUNTERSIGN_NOTIFY", "webhook",
                        "COUNTERSIGN_NOTIFY_CONFIG", config.toString()), "sweep", "--home", ws.home().toString(),
                "--policies", ws.policies().toString()),
                "countersign: webhook notifier: 'timeout-seconds' is not a positive number of seconds: 'soon'");
        assertFalse(Files.exists(ws.home().resolve(SqliteStore.FILE)), "checked before the store was opened");
    }

    private static void assertOneLine(Run run, String expected) {
        assertEquals(2, run.exit(), run.out() + run.err());
        assertEquals(expected + "\n", run.err());
        assertEquals("", run.out());
    }

    /**
     * {@code notify run} in a process of its own, stopped by a real SIGTERM while a slow receiver holds a
     * round in progress: the round finishes, what it delivered is recorded, and the next run delivers
     * only the rest — nothing twice, nothing lost.
     */
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

    /**
     * On the embedded store {@code notify run} keeps running in a process of its own while other commands
     * work on the same home, and delivers what they write as they write it.
     */
    @Test
    void runsContinuouslyBesideTheOtherCommandsOfItsHome() throws Exception {
        String first = ws.request(null);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "notify", "run", "--interval", "1s", "--notify", "webhook", "--home=" + ws.home())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            List<JsonNode> expected = new ArrayList<>(ws.events(first));
            awaitAccepted(expected.size(), err);
            // while it runs: other commands write, and it delivers what they wrote
            String second = ws.request("alice");
            Run approve = ws.decide(Map.of(), "approve", first, "--as", "bob", "--rationale", "While notify runs");
            assertEquals(0, approve.exit(), approve.err());
            expected = new ArrayList<>(ws.events(first));
            expected.addAll(ws.events(second));
            awaitAccepted(expected.size(), err);
            assertTrue(p.isAlive(), "an idle round does not end it");
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process ends");
            assertEquals(143, p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
            assertEquals("", Files.readString(err, StandardCharsets.UTF_8));
            assertEquals(expected.size(), receiver.accepted().size());
            assertTrue(receiver.accepted().containsAll(expected), "every event of both requests");
        } finally {
            p.destroyForcibly();
        }
        assertTrue(Files.readString(out, StandardCharsets.UTF_8).endsWith("rounds; stopped)\n"),
                Files.readString(out, StandardCharsets.UTF_8));
    }

    private void awaitAccepted(int n, Path err) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (receiver.accepted().size() < n && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(n, receiver.accepted().size(), "delivered while it runs; " + Files.readString(err));
    }
}
