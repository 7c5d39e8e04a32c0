package io.countersign.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.store.Listing;
import io.countersign.engine.store.StoreException;
import io.countersign.engine.model.StoredRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two users of one file, as two processes are: each sees what the other committed; a reader never waits
 * for a writer; a writer waits for another's write transaction, and past its bound fails naming the file.
 */
class WalTest {

    private final Path home = SqliteStores.freshHome();

    @Test
    void eachSeesWhatTheOtherCommitted() {
        try (SqliteStore a = SqliteStore.in(home); SqliteStore b = SqliteStore.in(home)) {
            StoredRequest r = Scenario.workflow(a).submit(Scenario.ask("frank"));
            assertEquals(r, b.get(r.id()).orElseThrow());
            StoredRequest cancelled = Scenario.workflow(b).cancel(r.id(), "frank");
            assertEquals(cancelled, a.get(r.id()).orElseThrow());
        }
    }

    @Test
    void readersDoNotWaitForAWriteInProgress() throws Exception {
        try (SqliteStore store = SqliteStore.in(home)) {
            StoredRequest r = Scenario.workflow(store).submit(Scenario.ask("frank"));
            try (Connection writer = holdWriteLock(store.file())) {
                try (Statement s = writer.createStatement()) {
                    s.execute("UPDATE requests SET status = 'denied'"); // not committed
                }
                long t0 = System.nanoTime();
                assertEquals(r, store.get(r.id()).orElseThrow());
                assertEquals(1, store.list(new Listing.ByStatus(r.status()), null, 10).items().size());
                assertEquals(1, store.history(r.id()).orElseThrow().events().size());
                assertEquals(1, store.outbox(10).size());
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(ms < Database.BUSY_TIMEOUT.toMillis() / 4, "reads waited " + ms + " ms");
                writer.createStatement().execute("ROLLBACK");
            }
        }
    }

    @Test
    void aWriterWaitsForAnotherWriteTransactionThenGoesOn() throws Exception {
        try (SqliteStore store = SqliteStore.in(home)) {
            CompletableFuture<StoredRequest> submitted;
            try (Connection writer = holdWriteLock(store.file())) {
                submitted = CompletableFuture.supplyAsync(() -> Scenario.workflow(store).submit(Scenario.ask("frank")));
                Thread.sleep(500);
                assertFalse(submitted.isDone(), "wrote while another held the write lock");
                writer.createStatement().execute("COMMIT");
            }
            StoredRequest r = submitted.get(30, TimeUnit.SECONDS);
            assertTrue(store.get(r.id()).isPresent());
        }
    }

    @Test
    void aWriterThatWaitsTooLongFailsNamingTheFileAndWritesNothing() throws Exception {
        try (SqliteStore setUp = SqliteStore.in(home)) {
            setUp.get("none"); // the schema exists before the lock is taken
        }
        try (SqliteStore store = SqliteStore.open(home.resolve(SqliteStore.FILE), Duration.ofMillis(300));
                Connection writer = holdWriteLock(store.file())) {
            StoreException e = assertThrows(StoreException.class,
                    () -> Scenario.workflow(store).submit(Scenario.ask("frank")));
            assertEquals("the database " + store.file() + " stayed locked by another process for more than 300 ms;"
                    + " try again", e.getMessage());
            writer.createStatement().execute("ROLLBACK");
            assertEquals(0, store.list(new Listing.ByRequester("frank"), null, 10).items().size());
        }
    }

    /** A connection of its own (as another process's would be) in a write transaction. */
    private static Connection holdWriteLock(Path file) throws Exception {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        c.createStatement().execute("BEGIN IMMEDIATE");
        return c;
    }
}
