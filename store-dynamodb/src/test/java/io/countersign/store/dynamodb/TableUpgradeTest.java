package io.countersign.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.store.StoreException;
import io.countersign.engine.store.check.CheckResult;
import io.countersign.engine.store.check.StoreContractCheck;
import io.countersign.store.dynamodb.testserver.PerClassServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/**
 * A table made before the {@code due}, {@code followUps} and {@code settled} indexes: named by the check,
 * refused when a store opens on it (naming the indexes and the command that adds them), upgraded one index
 * at a time,
 * then passing the store's checks; an upgrade run again changes nothing, one finds an index being built
 * and waits for it, and a misshapen index stops it with what to do.
 */
class TableUpgradeTest {

    @RegisterExtension
    static final PerClassServer server = new PerClassServer();

    @TempDir
    Path home;



    private StoreLocation at(String table) {
        return new StoreLocation(server.endpoint(), null, table, home);
    }

    private static List<String> names(List<TableShape.Problem> problems) {
        return problems.stream().map(p -> p.index().name() + " " + p.kind()).toList();
    }

    @Test
    void anOldTableIsNamedRefusedUpgradedAndThenKeepsTheContract() {
        OldTables.beforeDue(server.client(), "old-table");
        StoreLocation old = at("old-table");
        assertEquals(List.of("due MISSING", "followUps MISSING", "settled MISSING"), names(old.indexProblems()));

        StoreException refused = assertThrows(StoreException.class, old::open);
        assertEquals("table 'old-table' at " + server.endpoint() + " is not as this countersign needs it: indexes"
                + " 'due', 'followUps' and 'settled' are missing. Run `countersign store upgrade --dynamodb-endpoint "
                + server.endpoint() + " --table old-table`: it adds what is missing and waits until every index is ACTIVE",
                refused.getMessage());

        List<String> progress = new ArrayList<>();
        assertEquals(List.of("due", "followUps", "settled"), old.upgrade(progress::add).added());
        assertEquals("adding index 'due' (dueKey, dueAt)", progress.get(0));
        assertTrue(progress.get(1).startsWith("index 'due' is ACTIVE ("), progress.toString());
        assertEquals("adding index 'followUps' (followUpKey, followUpAt)", progress.get(2));
        assertEquals("adding index 'settled' (settledKey, created)", progress.get(4));
        assertEquals(List.of("re-keying request items written before their indexes: what they owe, and settled requests",
                "read 0 request items, re-keyed 0"), progress.subList(6, progress.size()), "an empty table");
        assertEquals(List.of(), old.indexProblems());

        try (DynamoStore store = old.open()) {
            List<CheckResult> results = StoreContractCheck.of(store).run(r -> { });
            assertTrue(results.stream().allMatch(CheckResult::passed), results.toString());
        }
        assertEquals(List.of(), old.upgrade(progress::add).added(), "once is enough");
        assertEquals(10, progress.size(), "and the second adds nothing: " + progress);
        assertTrue(progress.get(9).matches("read [1-9]\\d* request items, re-keyed 0"),
                "what the store wrote it keyed itself: " + progress.get(9));
    }

    // Another upgrade's index still backfilling is waited for, not created again; the missing one is added.
    // (The test server has an added index ACTIVE by the second DescribeTable: each look here is the first.)
    @Test
    void anIndexBeingBuiltIsWaitedFor() {
        OldTables.beforeDue(server.client(), "half-done");
        OldTables.startAdding(server.client(), "half-done", Table.DUE, ProjectionType.ALL);
        StoreLocation half = at("half-done");
        List<String> progress = new ArrayList<>();
        assertEquals(List.of("followUps", "settled"), half.upgrade(progress::add).added());
        assertEquals("index 'due' is CREATING (backfilling), not yet ACTIVE: waiting until it is ACTIVE", progress.get(0));
        assertEquals("index 'due' is ACTIVE", progress.get(1));
        assertEquals(List.of(), half.indexProblems());

        OldTables.beforeDue(server.client(), "building");
        OldTables.startAdding(server.client(), "building", Table.DUE, ProjectionType.ALL);
        StoreException refused = assertThrows(StoreException.class, at("building")::open);
        assertTrue(refused.getMessage().endsWith("index 'due' is still being built, indexes 'followUps' and"
                + " 'settled' are missing. Run `countersign store upgrade --dynamodb-endpoint " + server.endpoint()
                + " --table building`: it adds what is missing and waits until every index is ACTIVE"), refused.getMessage());
    }

    // An index of the right name and the wrong shape would answer wrongly: named with what to do, nothing changed.
    @Test
    void aMisshapenIndexStopsTheUpgradeWithWhatToDo() {
        OldTables.withKeysOnlyDue(server.client(), "by-hand");
        StoreLocation byHand = at("by-hand");
        assertEquals(List.of("due MISSHAPEN", "followUps MISSING", "settled MISSING"), names(byHand.indexProblems()));
        assertEquals("index 'due' has dueKey (HASH, S), dueAt (RANGE, S), projection KEYS_ONLY; the store needs"
                + " dueKey (HASH, S), dueAt (RANGE, S), projection ALL", byHand.indexProblems().get(0).problem());
        assertTrue(assertThrows(StoreException.class, byHand::open).getMessage().endsWith("index 'due' is not of the"
                + " shape it needs, indexes 'followUps' and 'settled' are missing. Run `countersign store check --dynamodb-endpoint "
                + server.endpoint() + " --table by-hand`: it says how to fix it"));
        MisshapenIndexException stopped = assertThrows(MisshapenIndexException.class, () -> byHand.upgrade(line -> { }));
        assertTrue(stopped.getMessage().startsWith("index 'due' has dueKey (HASH, S), dueAt (RANGE, S), projection"
                + " KEYS_ONLY; the store needs dueKey (HASH, S), dueAt (RANGE, S), projection ALL. Delete it (`aws dynamodb"
                + " update-table --endpoint-url " + server.endpoint() + " --table-name by-hand"
                + " --global-secondary-index-updates"
                + " '[{\"Delete\":{\"IndexName\":\"due\"}}]'`), wait until it is gone, then add it"), stopped.getMessage());
        assertEquals(List.of("due MISSHAPEN", "followUps MISSING", "settled MISSING"), names(byHand.indexProblems()),
                "nothing added");
    }

    @Test
    void aMissingTableIsSaidSo() {
        StoreException e = assertThrows(StoreException.class, () -> at("never-made").upgrade(line -> { }));
        assertTrue(e.getMessage().startsWith("table 'never-made' does not exist at "), e.getMessage());
    }
}
