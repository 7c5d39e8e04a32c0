package io.countersign.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.Authorizer;
import io.countersign.engine.directory.Directory;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.store.Due;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Workflow;
import io.countersign.lang.source.SourceFile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Migration 3 fills the due index of the reviews already waiting: a grant of a database written before
 * it (its review not yet announced) is found by the sweep once the database is up to date, active or not.
 * Migration 5 indexes the settled requests already there: they are precedent candidates at once.
 */
class DueMigrationTest {

    static final String POLICY = """
            policy ops {
              scope profile matches "prod-*"
              allow unsigned decisions
              default require approval from 1 of group "leads"
                review after 1d
            }
            """;

    private final Path home = SqliteStores.freshHome();
    private final Path file = home.resolve(SqliteStore.FILE);

    @Test
    void reviewsWaitingInAVersionTwoDatabaseAreInTheDueIndexAfterTheMigration() throws Exception {
        SqliteStore.open(file, new Schema(Schema.MIGRATIONS.subList(0, 2))).close();
        Path written = home.resolve("written-today.db");
        List<StoredRequest> approved = new ArrayList<>();
        String pending;
        try (SqliteStore store = SqliteStore.open(written)) {
            // whole seconds and a fraction: the migration writes both at the index's fixed width
            for (String at : List.of("2026-03-02T09:00:00Z", "2026-03-02T09:00:00.123456789Z",
                    "2026-03-02T09:00:00.5Z")) {
                Workflow wf = workflow(store, Instant.parse(at));
                String id = wf.submit(Scenario.ask("frank")).id();
                approved.add(wf.approve(id, "lead-1", Terms.because("fine")));
            }
            pending = workflow(store, Instant.parse("2026-03-02T09:00:00Z")).submit(Scenario.ask("grace")).id();
        }
        OlderSchemas.copy(written, file);
        try (SqliteStore store = SqliteStore.in(home)) {
            assertEquals(Schema.CURRENT.version(), SchemaTest.pragma(file, "user_version"));
            for (StoredRequest r : approved) {
                assertEquals(List.of(SortKeys.due(Due.SWEEP, r)), SchemaTest.column(file,
                        "SELECT due FROM requests WHERE id = '" + r.id() + "'"), "the key the store writes");
            }
            assertEquals(approved.stream().map(StoredRequest::id).sorted().toList(), store.due(Due.SWEEP,
                    Instant.parse("2026-03-03T09:00:01Z"), null, 10).items().stream().map(StoredRequest::id)
                    .sorted().toList());
            assertTrue(SchemaTest.column(file, "SELECT due FROM requests WHERE id = '" + pending + "'").get(0) == null);
        }
    }

    @Test
    void settledRequestsOfAnOlderDatabaseArePrecedentCandidatesAfterTheMigration() throws Exception {
        SqliteStore.open(file, new Schema(Schema.MIGRATIONS.subList(0, 3))).close();
        Path written = home.resolve("written-today.db");
        List<String> settled = new ArrayList<>();
        try (SqliteStore store = SqliteStore.open(written)) {
            for (String at : List.of("2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z")) {
                Workflow wf = workflow(store, Instant.parse(at));
                String id = wf.submit(Scenario.ask("frank")).id();
                settled.add(0, at.endsWith("10:00:00Z") ? wf.deny(id, io.countersign.engine.workflow.Actor.of("lead-1"),
                        "not now").id() : wf.approve(id, "lead-1", Terms.because("fine")).id());
            }
            workflow(store, Instant.parse("2026-03-02T12:00:00Z")).submit(Scenario.ask("grace")); // pending
        }
        OlderSchemas.copy(written, file);
        try (SqliteStore store = SqliteStore.in(home)) {
            assertEquals(settled, store.settled(Scenario.ask("frank").profile(), Instant.parse("2026-03-01T00:00:00Z"), 10)
                    .stream().map(StoredRequest::id).toList(), "newest first, the pending one left out");
        }
    }

    private static Workflow workflow(SqliteStore store, Instant at) throws Exception {
        Directory directory = id -> Optional.of(new Directory.User(id,
                id.startsWith("lead") ? List.of("leads") : List.of("engineering"), Map.of()));
        return new Workflow(Authorizer.of(PolicySet.of(List.of(new SourceFile("ops.policy", POLICY)))), store,
                directory, Clock.fixed(at, ZoneOffset.UTC));
    }
}
