package io.countersign.cli.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.cli.Run;
import io.countersign.engine.json.Json;
import io.countersign.store.dynamodb.OldTables;
import io.countersign.store.dynamodb.testserver.StrictDynamoTestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table made before the {@code due} and {@code followUps} indexes, on the strict test server: {@code
 * store check} names both with the fix and exits 1, other commands refuse it naming the upgrade, {@code
 * store upgrade} adds them, and the check then runs the whole contract and passes.
 */
class StoreUpgradeCommandTest {

    private static StrictDynamoTestServer server;

    @TempDir
    Path home;

    @BeforeAll
    static void start() {
        server = StrictDynamoTestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

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
                + "2 of 8 indexes are not as the store needs them: the store contract was not run\n", check.out());
        JsonNode json = Json.mapper().readTree(run("old", "store", "check", "--output", "json").out());
        assertEquals(false, json.get("passed").asBoolean());
        assertEquals("due", json.get("indexes").get(0).get("name").asText());
        assertEquals("missing", json.get("indexes").get(1).get("kind").asText());

        // Any other command on it is refused at once, naming the indexes and the upgrade (not a late ValidationException).
        Run export = run("old", "store", "export");
        assertEquals(2, export.exit(), export.out());
        assertEquals("countersign: store: table 'old' at " + server.endpoint() + " is not as this countersign needs it:"
                + " index 'due' is missing, index 'followUps' is missing. Run " + upgrade + ": it adds what is missing"
                + " and waits until every index is ACTIVE\n", export.err());

        Run up = run("old", "store", "upgrade");
        assertEquals(0, up.exit(), up.err());
        String[] lines = up.out().strip().split("\n");
        assertEquals("adding index 'due' (dueKey, dueAt)", lines[0]);
        assertTrue(lines[1].matches("index 'due' is ACTIVE \\(\\d+ s\\)"), lines[1]);
        assertEquals("adding index 'followUps' (followUpKey, followUpAt)", lines[2]);
        assertEquals("table 'old' at " + server.endpoint() + ": added 2 indexes (due, followUps)", lines[4]);

        Run passes = run("old", "store", "check");
        assertEquals(0, passes.exit(), passes.out() + passes.err());
        assertTrue(passes.out().contains("\nok    indexes: the 8 the store queries, ACTIVE\n"), passes.out());
        assertTrue(passes.out().strip().endsWith("checks passed"), passes.out());

        Run again = run("old", "store", "upgrade", "--output", "json");
        assertEquals(0, again.exit(), again.err());
        assertEquals(0, Json.mapper().readTree(again.out()).get("added").size());
        assertEquals("table 'old' at " + server.endpoint() + " has every index: nothing to do\n",
                run("old", "store", "upgrade").out());
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
}
