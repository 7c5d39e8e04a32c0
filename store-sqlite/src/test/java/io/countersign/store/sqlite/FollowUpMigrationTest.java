package io.countersign.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.Authorizer;
import io.countersign.engine.contract.Tamperer;
import io.countersign.engine.directory.Directory;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.seal.SealKeys;
import io.countersign.engine.seal.SealedStore;
import io.countersign.engine.seal.Sealer;
import io.countersign.engine.store.Store;
import io.countersign.engine.transfer.ExportWriter;
import io.countersign.engine.transfer.Importer;
import io.countersign.store.dynamodb.DynamoStore;
import io.countersign.store.dynamodb.DynamoStoreFixture;
import io.countersign.store.dynamodb.OldItems;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import io.countersign.engine.workflow.Actor;
import io.countersign.engine.workflow.FollowUps;
import io.countersign.engine.workflow.SweepReport;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Workflow;
import io.countersign.lang.source.SourceFile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A home whose grants were made before follow-ups were tracked: sealed records with follow-ups in their
 * grant and no {@code followUps}, in a database of schema version 2. Brought up to date (migration 3,
 * then 4), it lists their follow-ups, the sweep announces the overdue ones, they are marked done, and
 * every history still verifies, seals included: the migration never touches a request's JSON. An
 * export of such a home imported into DynamoDB does the same. The requests are decided by the policy of
 * the DynamoDB upgrade's old items ({@link OldItems#POLICY}): the same history, on the other store.
 */
class FollowUpMigrationTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private final Path home = SqliteStores.freshHome();
    private final Path file = home.resolve(SqliteStore.FILE);
    private final byte[] secret = new byte[32];
    private final SealKeys keys;

    FollowUpMigrationTest() {
        Arrays.fill(secret, (byte) 7);
        keys = SealKeys.of("k1", Map.of("k1", secret));
    }

    @Test
    void grantsMadeBeforeTrackingOweTheirFollowUpsAfterTheUpgrade() throws Exception {
        Path written = home.resolve("written-before.db");
        String instant;
        String approved;
        String pending;
        try (SqliteStore inner = SqliteStore.open(written)) {
            Store store = SealedStore.over(inner, keys);
            instant = workflow(store, T0).submit(ask("alice", Map.of("incident", "INC-9"))).id();
            approved = workflow(store, T0).submit(ask("frank", Map.of())).id();
            workflow(store, T0.plusSeconds(3600)).approve(approved, "lead-1", Terms.because("fine"));
            pending = workflow(store, T0).submit(ask("grace", Map.of())).id();
        }
        // As older code wrote them: no tracked follow-ups in any version of the record, sealed all the same.
        Tamperer older = new Tamperer(new SqliteRawRecords(written), new Sealer(keys));
        for (String id : List.of(instant, approved, pending)) {
            older.rewrite(id, e -> ((ObjectNode) e.path("data").get("request")).remove("followUps"));
        }
        SqliteStore.open(file, new Schema(Schema.MIGRATIONS.subList(0, 2))).close();
        OlderSchemas.copy(written, file);
        SqliteStore.open(file, new Schema(Schema.MIGRATIONS.subList(0, 3))).close();
        assertEquals(List.of(), SchemaTest.column(file, "SELECT follow_up FROM requests WHERE follow_up IS NOT NULL"),
                "version 3 left them out of the follow-up index");
        // Rows the store cannot read do not stop the upgrade: they stay out of the indexes, as before.
        SchemaTest.execute(file, "INSERT INTO requests (id, requester, profile, status, version, created, data)"
                + " VALUES ('bad-1', 'x', 'prod-db', 'cancelled', 1, '0', 'not json'), ('bad-2', 'x', 'prod-db',"
                + " 'cancelled', 1, '0', '{\"accessStart\": \"never\", \"grant\": {\"followUps\": [{}]}}')");
        List<String> before = SchemaTest.column(file, "SELECT data FROM requests ORDER BY id");

        try (SqliteStore inner = SqliteStore.in(home)) {
            assertEquals(Schema.CURRENT.version(), SchemaTest.pragma(file, "user_version"));
            assertEquals(before, SchemaTest.column(file, "SELECT data FROM requests ORDER BY id"),
                    "the records, and so their seals, are as they were");
            Store store = SealedStore.over(inner, keys);
            Workflow wf = workflow(store, T0.plus(Duration.ofDays(1)).plusSeconds(3600));
            assertNull(wf.get(instant).followUps(), "derived, not stored");
            assertEquals(List.of(approved + "/1", instant + "/1"), ids(wf, false),
                    "earliest due first: approval + 1d, then submission + 3d; the pending one owes nothing");
            assertEquals(List.of(approved + "/1"), ids(wf, true), "due exactly now: approval at T0+1h, plus 1d");

            SweepReport swept = wf.sweep();
            assertEquals(List.of(approved + "/1"), swept.followUpsOverdue(), "the overdue one is announced");
            assertTrue(swept.reviewsDue().isEmpty(), "the review is due at T0+2d");
            assertTrue(wf.sweep().followUpsOverdue().isEmpty(), "once");

            wf.followUpDone(approved + "/1", Actor.of("frank"), List.of("CMDB-42"));
            assertEquals(List.of(instant + "/1"), ids(wf, false));
            Workflow later = workflow(store, T0.plus(Duration.ofDays(3)));
            assertEquals(List.of(instant + "/1"), later.sweep().followUpsOverdue());
            later.followUpDone(instant + "/1", Actor.of("alice"), List.of("https://wiki/INC-9"));
            assertTrue(ids(later, false).isEmpty());
            for (String id : List.of(instant, approved, pending)) {
                var v = later.verify(later.show(id));
                assertTrue(v.intact(), id + ": " + v.reason());
            }
        }
    }

    /** An export of such a home, imported into DynamoDB: the import writes the keys of what each request owes. */
    @Test
    void anOldExportImportedIntoDynamoDbOwesThemToo() throws Exception {
        Path written = home.resolve("written-before.db");
        String instant;
        String approved;
        try (SqliteStore inner = SqliteStore.open(written)) {
            Store store = SealedStore.over(inner, keys);
            instant = workflow(store, T0).submit(ask("alice", Map.of("incident", "INC-9"))).id();
            approved = workflow(store, T0).submit(ask("frank", Map.of())).id();
            workflow(store, T0.plusSeconds(3600)).approve(approved, "lead-1", Terms.because("fine"));
        }
        Tamperer older = new Tamperer(new SqliteRawRecords(written), new Sealer(keys));
        for (String id : List.of(instant, approved)) {
            older.rewrite(id, e -> ((ObjectNode) e.path("data").get("request")).remove("followUps"));
        }
        StringWriter export = new StringWriter();
        try (SqliteStore inner = SqliteStore.open(written)) {
            ExportWriter.exportAll(SealedStore.over(inner, keys), export, T0.plus(Duration.ofDays(1)));
        }
        DynamoStore dynamo = DynamoStoreFixture.INSTANCE.open();
        try {
            Store store = SealedStore.over(dynamo, keys);
            Importer.run(store, new ByteArrayInputStream(export.toString().getBytes(StandardCharsets.UTF_8)),
                    (archive, done) -> { });
            Workflow wf = workflow(store, T0.plus(Duration.ofDays(1)).plusSeconds(3600));
            assertEquals(List.of(approved + "/1", instant + "/1"), ids(wf, false));
            assertEquals(List.of(approved + "/1"), wf.sweep().followUpsOverdue());
            wf.followUpDone(approved + "/1", Actor.of("frank"), List.of("CMDB-42"));
            assertEquals(List.of(instant + "/1"), ids(wf, false));
            for (String id : List.of(instant, approved)) {
                var v = wf.verify(wf.show(id));
                assertTrue(v.intact(), id + ": " + v.reason());
            }
        } finally {
            DynamoStoreFixture.INSTANCE.drop(dynamo);
        }
    }

    private static List<String> ids(Workflow wf, boolean overdueOnly) {
        return wf.followUps(overdueOnly, null, null, 10).items().stream().map(FollowUps.Open::id).toList();
    }

    private static AccessRequest ask(String requester, Map<String, Object> context) {
        return new AccessRequest(null, requester, null, null, "prod-db", List.of(), Duration.ofHours(1), null,
                "Rotate the database credentials", "CHG-1", context, null);
    }

    private static Workflow workflow(Store store, Instant at) throws Exception {
        Directory directory = id -> Optional.of(new Directory.User(id,
                id.startsWith("lead") ? List.of("leads") : List.of("engineering"), Map.of()));
        return new Workflow(Authorizer.of(PolicySet.of(List.of(new SourceFile("ops.policy", OldItems.POLICY)))), store,
                directory, Clock.fixed(at, ZoneOffset.UTC));
    }
}
