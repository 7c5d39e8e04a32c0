package io.countersign.cli.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.cli.Run;
import io.countersign.engine.json.Json;
import io.countersign.engine.seal.SealKeys;
import io.countersign.store.dynamodb.OldItems;
import io.countersign.store.dynamodb.OldTables;
import io.countersign.store.dynamodb.testserver.PerClassServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table made before the {@code due}, {@code followUps} and {@code settled} indexes, on the strict test
 * server: {@code store check} names each with the fix and exits 1, other commands refuse it naming the
 * upgrade, {@code store upgrade} adds them, and the check then runs the whole contract and passes.
 */
class StoreUpgradeCommandTest {

    @RegisterExtension
    static final PerClassServer server = new PerClassServer();

    @TempDir
    Path home;



    private static final Map<String, String> SEALED = Map.of("COUNTERSIGN_SEAL_KEY",
            "check:" + java.util.Base64.getEncoder().encodeToString(new byte[32]));

    private Run run(String table, String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--dynamodb-endpoint=" + server.endpoint();
        all[args.length + 1] = "--table";
        all[args.length + 2] = table;
        all[args.length + 3] = "--home=" + home;
        return Run.in(SEALED, all);
    }

    @Test
    void anOldTableFailsTheCheckIsUpgradedAndThenPassesIt() throws Exception {
        OldTables.beforeDue(server.client(), "old");
        String upgrade = "`countersign store upgrade --dynamodb-endpoint " + server.endpoint() + " --table old`";

        Run check = run("old", "store", "check");
        assertEquals(1, check.exit(), check.out() + check.err());
        assertEquals("checking table 'old' at " + server.endpoint() + ": its indexes\n"
                + "FAIL  index 'due' is missing. Add it: " + upgrade + " (adds every missing index and waits until it is"
                + " ACTIVE)\n"
                + "FAIL  index 'followUps' is missing. Add it: " + upgrade + " (adds every missing index and waits until"
                + " it is ACTIVE)\n"
                + "FAIL  index 'settled' is missing. Add it: " + upgrade + " (adds every missing index and waits until"
                + " it is ACTIVE)\n"
                + "3 of 9 indexes are not as the store needs them: the store contract was not run\n", check.out());
        JsonNode json = Json.mapper().readTree(run("old", "store", "check", "--output", "json").out());
        assertEquals(false, json.get("passed").asBoolean());
        assertEquals("due", json.get("indexes").get(0).get("name").asText());
        assertEquals("missing", json.get("indexes").get(1).get("kind").asText());

        // Any other command on it is refused at once, naming the indexes and the upgrade (not a late ValidationException).
        Run export = run("old", "store", "export");
        assertEquals(2, export.exit(), export.out());
        assertEquals("countersign: store: table 'old' at " + server.endpoint() + " is not as this countersign needs it:"
                + " indexes 'due', 'followUps' and 'settled' are missing. Run " + upgrade + ": it adds what is missing"
                + " and waits until every index is ACTIVE\n", export.err());

        Run up = run("old", "store", "upgrade");
        assertEquals(0, up.exit(), up.err());
        String[] lines = up.out().strip().split("\n");
        assertEquals("adding index 'due' (dueKey, dueAt)", lines[0]);
        assertTrue(lines[1].matches("index 'due' is ACTIVE \\(\\d+ s\\)"), lines[1]);
        assertEquals("adding index 'followUps' (followUpKey, followUpAt)", lines[2]);
        assertEquals("adding index 'settled' (settledKey, created)", lines[4]);
        assertEquals("re-keying request items written before their indexes: what they owe, and settled requests", lines[6]);
        assertEquals("read 0 request items, re-keyed 0", lines[7]);
        assertEquals("table 'old' at " + server.endpoint() + ": added 3 indexes (due, followUps, settled); read 0"
                + " request items, re-keyed 0", lines[8]);

        Run passes = run("old", "store", "check");
        assertEquals(0, passes.exit(), passes.out() + passes.err());
        assertTrue(passes.out().contains("\nok    indexes: the 9 the store queries, ACTIVE\n"), passes.out());
        assertTrue(passes.out().strip().endsWith("checks passed"), passes.out());

        Run again = run("old", "store", "upgrade", "--output", "json");
        assertEquals(0, again.exit(), again.err());
        JsonNode nothing = Json.mapper().readTree(again.out());
        assertEquals(0, nothing.get("added").size());
        assertEquals(0, nothing.get("requestItems").get("rekeyed").asInt(), "the check's requests were keyed as written");
        assertTrue(run("old", "store", "upgrade").out().matches("(?s).*\ntable 'old' at " + java.util.regex.Pattern.quote(
                server.endpoint().toString()) + " has every index; read \\d+ request items, re-keyed 0: nothing to do\n"));
    }

    /**
     * What an older countersign left in the table ({@link OldItems}): after the upgrade the sweep announces
     * the review of the break-glass grant that ended, {@code followups list} shows the follow-up of the grant
     * made before tracking, the pending and the cancelled request stay out of the indexes, {@code audit
     * verify} passes, and a second upgrade re-keys nothing.
     */
    @Test
    void requestsAnOlderCountersignWroteOweWhatTheyOweAfterTheUpgrade() throws Exception {
        OldTables.beforeDue(server.client(), "old-items");
        Instant t0 = Instant.now().minus(Duration.ofDays(2)).minus(Duration.ofHours(1));
        OldItems.Written old = OldItems.write(server.client(), "old-items", SealKeys.of("check", Map.of("check",
                new byte[32])), t0);
        Path policies = Files.createDirectories(home.resolve("policies"));
        Files.writeString(policies.resolve("ops.policy"), OldItems.POLICY);

        Run up = run("old-items", "store", "upgrade");
        assertEquals(0, up.exit(), up.err());
        assertTrue(up.out().endsWith("\ntable 'old-items' at " + server.endpoint() + ": added 3 indexes (due, followUps,"
                + " settled); read 5 request items, re-keyed 2, 1 unreadable (left as they were)\n"), up.out());

        Run listed = run("old-items", "followups", "list", "--output", "json", "--policies=" + policies);
        assertEquals(0, listed.exit(), listed.err());
        List<String> open = new ArrayList<>();
        Json.mapper().readTree(listed.out()).forEach(f -> open.add(f.get("id").asText()));
        assertEquals(List.of(old.untracked() + "/1", old.ended() + "/1"), open,
                "the follow-up derived from the old grant's seal, overdue; the ended grant's, due in a day");

        Run swept = run("old-items", "sweep", "--output", "json", "--policies=" + policies);
        assertEquals(0, swept.exit(), swept.err());
        JsonNode report = Json.mapper().readTree(swept.out());
        assertEquals("[\"" + old.ended() + "\"]", report.get("reviewsDue").toString(), "the review of the grant that ended");
        assertEquals("[\"" + old.untracked() + "/1\"]", report.get("followUpsOverdue").toString());
        JsonNode again = Json.mapper().readTree(run("old-items", "sweep", "--output", "json", "--policies=" + policies)
                .out());
        assertEquals("[]", again.get("reviewsDue").toString(), "announced once");
        assertEquals(0, again.path("followUpsOverdue").size(), again.toString());

        for (String id : old.readable()) {
            Run verified = run("old-items", "audit", "verify", id, "--policies=" + policies);
            assertEquals(0, verified.exit(), id + ": " + verified.out() + verified.err());
        }
        Run second = run("old-items", "store", "upgrade", "--output", "json");
        assertEquals(0, second.exit(), second.err());
        JsonNode items = Json.mapper().readTree(second.out()).get("requestItems");
        assertEquals(5, items.get("read").asInt());
        assertEquals(0, items.get("rekeyed").asInt(), "once is enough");
        assertEquals(1, items.get("unreadable").asInt());
    }

    @Test
    void aMisshapenIndexIsNamedWithHowToReplaceItAndExitOne() {
        OldTables.withKeysOnlyDue(server.client(), "by-hand");
        Run check = run("by-hand", "store", "check");
        assertEquals(1, check.exit(), check.out());
        assertTrue(check.out().contains("FAIL  index 'due' has dueKey (HASH, S), dueAt (RANGE, S), projection KEYS_ONLY;"
                + " the store needs dueKey (HASH, S), dueAt (RANGE, S), projection ALL. Delete it (`aws dynamodb"
                + " update-table --endpoint-url " + server.endpoint() + " --table-name by-hand"
                + " --global-secondary-index-updates"
                + " '[{\"Delete\":{\"IndexName\":\"due\"}}]'`), wait until it is gone"), check.out());
        Run up = run("by-hand", "store", "upgrade");
        assertEquals(1, up.exit(), up.out());
        assertTrue(up.err().startsWith("countersign: store: index 'due' has dueKey"), up.err());
        assertEquals("", up.out(), "nothing was added");
    }

    @Test
    void aMissingTableIsExitTwo() {
        Run up = run("never-made", "store", "upgrade");
        assertEquals(2, up.exit());
        assertTrue(up.err().contains("table 'never-made' does not exist"), up.err());
    }

    @Test
    void anEmbeddedStoreThatCannotBeOpenedIsAStoreProblemNotAnInternalError() throws Exception {
        Files.writeString(home.resolve("countersign.db"), "not a database, and long enough to be read as one: "
                + "x".repeat(200));
        Run up = Run.of("store", "upgrade", "--home=" + home);
        assertEquals(2, up.exit(), up.err());
        assertTrue(up.err().startsWith("countersign: store: "), up.err());
        assertTrue(!up.err().contains("internal error") && up.err().lines().count() == 1, up.err());
    }
}
