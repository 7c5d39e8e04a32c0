package io.countersign.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.store.History;
import io.countersign.engine.store.Listing;
import io.countersign.engine.store.OutboxEntry;
import io.countersign.engine.store.StoreException;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The file is created and migrated on first use, once; a schema this code does not know is never touched. */
class SchemaTest {

    private final Path home = SqliteStores.freshHome();
    private final Path file = home.resolve(SqliteStore.FILE);

    @Test
    void aNewHomeGetsTheCurrentSchemaInWalModeOwnerOnly() throws Exception {
        try (SqliteStore store = SqliteStore.in(home.resolve("not-yet"))) {
            assertTrue(Files.isRegularFile(store.file()));
            assertEquals(Schema.CURRENT.version(), pragma(store.file(), "user_version"));
            assertEquals(Schema.APPLICATION_ID, pragma(store.file(), "application_id"));
            assertEquals("wal", text(store.file(), "PRAGMA journal_mode"));
            assertEquals(List.of("decisions", "events", "inbox", "requests"),
                    column(store.file(), "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
        }
    }

    @Test
    void reopeningKeepsTheDataAndTheVersion() {
        String id;
        try (SqliteStore store = SqliteStore.in(home)) {
            id = Scenario.workflow(store).submit(Scenario.ask("frank")).id();
        }
        try (SqliteStore store = SqliteStore.in(home)) {
            assertTrue(store.get(id).isPresent());
        }
        assertEquals(Schema.CURRENT.version(), pragma(file, "user_version"));
    }

    @Test
    void aNewerSchemaIsRefusedAndLeftAsItIs() throws Exception {
        String id;
        try (SqliteStore store = SqliteStore.in(home)) {
            id = Scenario.workflow(store).submit(Scenario.ask("frank")).id();
        }
        int newer = Schema.CURRENT.version() + 1;
        execute(file, "PRAGMA user_version = " + newer);
        StoreException e = assertThrows(StoreException.class, () -> SqliteStore.in(home));
        assertEquals("the database " + file + " has schema version " + newer + ", newer than this countersign knows ("
                + Schema.CURRENT.version() + "): a newer countersign wrote it; use that version or a later one",
                e.getMessage());
        assertEquals(newer, pragma(file, "user_version"), "never a silent downgrade");
        assertEquals(List.of(id), column(file, "SELECT id FROM requests"));
    }

    @Test
    void aMigrationRunsOnceOnAnOlderDatabaseAndKeepsItsData() throws Exception {
        String id;
        try (SqliteStore store = SqliteStore.in(home)) {
            id = Scenario.workflow(store).submit(Scenario.ask("frank")).id();
        }
        List<Schema.Migration> more = new ArrayList<>(Schema.MIGRATIONS);
        more.add(Schema.Migration.sql("ALTER TABLE requests ADD COLUMN note TEXT", "UPDATE requests SET note = 'migrated'"));
        Schema next = new Schema(more);
        Database.open(file, next, Duration.ofSeconds(5)).close();
        assertEquals(next.version(), pragma(file, "user_version"));
        assertEquals(List.of("migrated"), column(file, "SELECT note FROM requests WHERE id = '" + id + "'"));
        execute(file, "UPDATE requests SET note = 'kept'");
        Database.open(file, next, Duration.ofSeconds(5)).close();
        assertEquals(List.of("kept"), column(file, "SELECT note FROM requests"), "an up-to-date database is not migrated again");
        StoreException older = assertThrows(StoreException.class, () -> SqliteStore.in(home));
        assertTrue(older.getMessage().contains("newer than this countersign knows"), older.getMessage());
    }

    @Test
    void aVersionOneDatabaseMovesToVersionTwoWithEveryRecordAndPath() throws Exception {
        Map<String, History> before = new LinkedHashMap<>();
        String pending;
        String dead;
        SqliteStore.open(file, new Schema(Schema.MIGRATIONS.subList(0, 1))).close();
        assertEquals(1, pragma(file, "user_version"));
        Path written = home.resolve("written-today.db");
        try (SqliteStore store = SqliteStore.open(written)) {
            Workflow wf = Scenario.workflow(store);
            pending = wf.submit(Scenario.ask("frank")).id();
            String approved = wf.submit(Scenario.ask("grace")).id();
            wf.approve(approved, "lead-1", Terms.because("fine"));
            OutboxEntry first = store.outbox(1).get(0);
            store.delivery(first, false, true);
            dead = first.event().id();
            for (String id : List.of(pending, approved)) {
                before.put(id, store.history(id).orElseThrow());
            }
        }
        OlderSchemas.copy(written, file);
        try (SqliteStore store = SqliteStore.in(home)) {
            assertEquals(Schema.CURRENT.version(), pragma(file, "user_version"));
            before.forEach((id, h) -> assertTrue(store.history(id).orElseThrow().sameAs(h), id));
            assertEquals(List.of(pending), store.list(new Listing.Inbox(List.of("group:leads")), null, 10).items().stream()
                    .map(StoredRequest::id).toList(), "the inbox rows moved with their request");
            assertEquals(List.of(dead), store.deadLetters(10).stream().map(e -> e.event().id()).toList());
            assertTrue(store.retry(dead), "a dead letter is found by its event id");
            assertTrue(store.deadLetters(10).isEmpty());
        }
        assertEquals(List.of("decisions", "events", "inbox", "requests"),
                column(file, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
    }

    @Test
    void aFailedMigrationLeavesTheOldVersionWhole() {
        try (SqliteStore store = SqliteStore.in(home)) {
            Scenario.workflow(store).submit(Scenario.ask("frank"));
        }
        List<Schema.Migration> more = new ArrayList<>(Schema.MIGRATIONS);
        more.add(Schema.Migration.sql("CREATE TABLE half (a TEXT)", "THIS IS NOT SQL"));
        assertThrows(StoreException.class, () -> Database.open(file, new Schema(more), Duration.ofSeconds(5)));
        assertEquals(Schema.CURRENT.version(), pragma(file, "user_version"));
        assertFalse(column(file, "SELECT name FROM sqlite_master").contains("half"), "rolled back with the version");
        try (SqliteStore store = SqliteStore.in(home)) {
            assertEquals(1, store.list(new io.countersign.engine.store.Listing.ByRequester("frank"), null, 10).items().size());
        }
    }

    @Test
    void manyFirstOpensAtOnceCreateTheSchemaOnce() throws Exception {
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> made = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int user = i;
                made.add(pool.submit(() -> {
                    start.await();
                    // each store its own connections, as separate processes would have
                    try (SqliteStore store = SqliteStore.in(home)) {
                        StoredRequest r = Scenario.workflow(store).submit(Scenario.ask("user-" + user));
                        return r.id();
                    }
                }));
            }
            start.countDown();
            for (Future<String> f : made) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(String.valueOf(n), column(file, "SELECT count(*) FROM requests").get(0));
        assertEquals(Schema.CURRENT.version(), pragma(file, "user_version"));
    }

    @Test
    void anotherProgramsDatabaseIsRefused() throws Exception {
        execute(file, "CREATE TABLE photos (name TEXT)");
        StoreException e = assertThrows(StoreException.class, () -> SqliteStore.in(home));
        assertEquals(file + " is a SQLite database of another program, not a countersign store", e.getMessage());
        execute(file, "PRAGMA application_id = 1234");
        e = assertThrows(StoreException.class, () -> SqliteStore.in(home));
        assertTrue(e.getMessage().startsWith(file + " is a SQLite database of another program (application id 4d2)"),
                e.getMessage());
    }

    @Test
    void aFileThatIsNoDatabaseIsRefusedByName() throws Exception {
        Files.writeString(file, "these are my notes, not a database; ".repeat(100));
        StoreException e = assertThrows(StoreException.class, () -> SqliteStore.in(home));
        assertEquals(file + " is not a SQLite database", e.getMessage());
    }

    static int pragma(Path file, String name) {
        return Integer.parseInt(text(file, "PRAGMA " + name));
    }

    static String text(Path file, String sql) {
        return column(file, sql).get(0);
    }

    static List<String> column(Path file, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void execute(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
