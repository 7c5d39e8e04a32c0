package io.countersign.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.seal.SealKeys;
import io.countersign.engine.seal.SealedStore;
import io.countersign.engine.store.Due;
import io.countersign.engine.store.Store;
import io.countersign.engine.workflow.Actor;
import io.countersign.engine.workflow.FollowUps;
import io.countersign.engine.workflow.SweepReport;
import io.countersign.engine.workflow.Workflow;
import io.countersign.store.dynamodb.testserver.PerClassServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A table made before the due and settled indexes, holding what an older countersign wrote ({@link
 * OldItems}): an ended break-glass grant whose review is unannounced, a grant made before follow-ups were
 * tracked, a pending and a cancelled request, and an unreadable item. DynamoDB backfills the new indexes
 * only from items carrying their keys, so {@code store upgrade} re-keys the two that owe something (and
 * are settled): the sweep then announces the review once, the follow-ups are listed, both are precedent
 * candidates, the rest stay out of the indexes, every history verifies (seals included), and a second
 * upgrade re-keys nothing. A table that had the due indexes and lacks the settled one alone is upgraded
 * the same way.
 */
class UpgradeRekeyTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    @RegisterExtension
    static final PerClassServer server = new PerClassServer();

    @TempDir
    Path home;

    private final SealKeys keys;

    UpgradeRekeyTest() {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 7);
        keys = SealKeys.of("k1", Map.of("k1", secret));
    }



    @Test
    void theUpgradeReKeysWhatOldItemsOweAndNothingElse() {
        OldTables.beforeDue(server.client(), "old-items");
        OldItems.Written old = OldItems.write(server.client(), "old-items", keys, T0);
        StoreLocation at = new StoreLocation(server.endpoint(), null, "old-items", home);
        Map<String, String> dataBefore = data("old-items", old.readable());

        List<String> progress = new ArrayList<>();
        Upgraded up = at.upgrade(progress::add);
        assertEquals(List.of("due", "followUps", "settled"), up.added());
        assertEquals(new Upgraded.Rekeyed(5, 2, 1, 0), up.rekeyed(), "the ended grant and the untracked one");
        assertEquals("re-keying request items written before their indexes: what they owe, and settled requests", progress.get(6));
        assertEquals("read 5 request items, re-keyed 2, 1 unreadable (left as they were)", progress.get(7));
        assertEquals(dataBefore, data("old-items", old.readable()), "documents, and so seals and chains, untouched");

        try (DynamoStore dynamo = at.open()) {
            assertEquals(List.of(old.untracked(), old.ended()), ids(dynamo.due(Due.SWEEP, null, null, 100).items()),
                    "earliest first: the follow-up at T0+1h+1d, the review at T0+2d; the pending and the cancelled"
                            + " owe nothing");
            assertEquals(List.of(old.untracked(), old.ended()), ids(dynamo.due(Due.FOLLOW_UP, null, null, 100).items()));
            for (String id : List.of(old.pending(), old.cancelled(), old.unreadable())) {
                Map<String, AttributeValue> item = item("old-items", id);
                assertFalse(item.containsKey(Table.DUE_KEY) || item.containsKey(Table.FOLLOW_UP_KEY)
                        || item.containsKey(Table.SETTLED_KEY), id);
            }
            assertEquals(Set.of(old.untracked(), old.ended()),
                    Set.copyOf(ids(dynamo.settled("prod-db", T0.minus(Duration.ofDays(1)), 100))),
                    "both settled, the grant that ended too; the pending and the cancelled are no precedents");

            Store store = SealedStore.over(dynamo, keys);
            Workflow wf = OldItems.workflow(store, T0.plus(Duration.ofDays(2)));
            assertEquals(List.of(old.untracked() + "/1", old.ended() + "/1"), followUps(wf));
            SweepReport swept = wf.sweep();
            assertEquals(List.of(old.ended()), swept.reviewsDue(), "the review of the grant that ended");
            assertEquals(List.of(old.untracked() + "/1"), swept.followUpsOverdue(), "derived from its sealed grant");
            SweepReport again = wf.sweep();
            assertTrue(again.reviewsDue().isEmpty() && again.followUpsOverdue().isEmpty(), "announced once");
            wf.followUpDone(old.untracked() + "/1", Actor.of("frank"), List.of("CMDB-42"));
            assertEquals(List.of(old.ended() + "/1"), followUps(wf));
            for (String id : old.readable()) {
                var v = wf.verify(wf.show(id));
                assertTrue(v.intact(), id + ": " + v.reason());
            }
        }
        Upgraded second = at.upgrade(line -> { });
        assertEquals(List.of(), second.added());
        assertEquals(new Upgraded.Rekeyed(5, 0, 1, 0), second.rekeyed(), "once is enough");
    }

    // A table of the round before: the due indexes, no settled index. Its settled requests were written
    // without settledKey, so until the upgrade keys them no precedent would be found among them.
    @Test
    void settledRequestsWrittenBeforeTheSettledIndexBecomePrecedentCandidates() {
        OldTables.beforeSettled(server.client(), "before-settled");
        OldItems.Written old = OldItems.write(server.client(), "before-settled", keys, T0);
        StoreLocation at = new StoreLocation(server.endpoint(), null, "before-settled", home);
        assertEquals(List.of("settled MISSING"),
                at.indexProblems().stream().map(p -> p.index().name() + " " + p.kind()).toList(),
                "what store check names");
        Map<String, String> dataBefore = data("before-settled", old.readable());

        Upgraded up = at.upgrade(line -> { });
        assertEquals(List.of("settled"), up.added());
        assertEquals(new Upgraded.Rekeyed(5, 2, 1, 0), up.rekeyed(), "the two settled requests");
        assertEquals(dataBefore, data("before-settled", old.readable()), "documents, and so seals, untouched");
        assertEquals(Items.s("SETTLED#prod-db"), item("before-settled", old.ended()).get(Table.SETTLED_KEY));
        for (String id : List.of(old.pending(), old.cancelled(), old.unreadable())) {
            assertFalse(item("before-settled", id).containsKey(Table.SETTLED_KEY), id + " is not settled");
        }
        try (DynamoStore dynamo = at.open()) {
            Store store = SealedStore.over(dynamo, keys);
            assertEquals(Set.of(old.untracked(), old.ended()),
                    Set.copyOf(ids(store.settled("prod-db", T0.minus(Duration.ofDays(1)), 100))),
                    "found in the index, their seals checked");
            assertEquals(List.of(), store.settled("prod-db", T0.plusSeconds(1), 100), "both created at T0");
        }
        assertEquals(new Upgraded.Rekeyed(5, 0, 1, 0), at.upgrade(line -> { }).rekeyed(), "a second run re-keys 0");
    }

    // The pass read an item, then someone wrote the request (keying it themselves): the pass skips it.
    @Test
    void anItemWrittenMeanwhileIsLeftToItsWriter() {
        OldTables.beforeDue(server.client(), "meanwhile");
        OldItems.Written old = OldItems.write(server.client(), "meanwhile", keys, T0);
        StoreLocation at = new StoreLocation(server.endpoint(), null, "meanwhile", home);
        Map<String, AttributeValue> stale = item("meanwhile", old.untracked());
        // Written by a countersign of today, before this upgrade added the indexes.
        try (DynamoStore dynamo = new DynamoStore(server.client(), "meanwhile", null)) {
            OldItems.workflow(SealedStore.over(dynamo, keys), T0.plus(Duration.ofHours(2)))
                    .followUpDone(old.untracked() + "/1", Actor.of("frank"), List.of("CMDB-42"));
        }
        Map<String, AttributeValue> written = item("meanwhile", old.untracked());
        IndexRekey pass = new IndexRekey(server.client(), "meanwhile", line -> { });
        pass.rekey(stale);
        assertEquals(new Upgraded.Rekeyed(1, 0, 0, 1), pass.counts());
        assertEquals(written, item("meanwhile", old.untracked()), "as its writer left it");
        assertFalse(written.containsKey(Table.FOLLOW_UP_KEY), "its follow-up is done: it owes nothing");
        assertEquals(new Upgraded.Rekeyed(5, 1, 1, 0), at.upgrade(line -> { }).rekeyed(), "the ended grant only");
    }

    private static List<String> followUps(Workflow wf) {
        return wf.followUps(false, null, null, 10).items().stream().map(FollowUps.Open::id).toList();
    }

    private static List<String> ids(List<StoredRequest> requests) {
        return requests.stream().map(StoredRequest::id).toList();
    }

    private static Map<String, AttributeValue> item(String table, String id) {
        return server.client().getItem(b -> b.tableName(table).key(Items.key(Items.requestKey(id), "REQ"))
                .consistentRead(true)).item();
    }

    private static Map<String, String> data(String table, List<String> ids) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (String id : ids) {
            out.put(id, item(table, id).get(Table.DATA).s());
        }
        return out;
    }
}
