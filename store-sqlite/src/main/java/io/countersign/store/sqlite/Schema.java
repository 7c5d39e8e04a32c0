package io.countersign.store.sqlite;

import io.countersign.engine.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The tables and indexes, as an ordered list of migrations: migration {@code i} takes a database from
 * version {@code i} to {@code i + 1}, and the version a database is at is its {@code PRAGMA user_version}.
 * A database is brought up to date when it is opened, once, by whichever process gets there first; one
 * newer than this code knows is refused, never touched.
 *
 * <pre>
 * requests   id, requester, profile, status, version, created, deadline, data (the request's JSON)
 * decisions  request_id, sort_key (decisionDate#decisionId), data: keyed by (request_id, sort_key)
 * events     request_id, seq, event_id, time, data; outbox ('due', 'dead', or null once delivered),
 *            delivered_to, attempts, next_attempt, last_error
 * inbox      request_id, principal, created: one row per principal of a request's open stage, keyed by
 *            (principal, created, request_id), the order of an approver's inbox
 * requests_settled: the settled requests (approved, denied, revoked; expired after access began) by
 *            (profile, created): precedent candidates
 * requests.due, requests.follow_up: the next instant the sweep announces something of the request, and
 *            the earliest open follow-up's due date, each with "#id"; null when none (sparse indexes)
 * </pre>
 *
 * {@code created} is the creation instant (fixed width, so strings sort as instants) and the id: the
 * listings' order and their cursors. {@code deadline} is set only while a request matters to an access
 * check (pending: its expiry; approved: the end of access), so the index the check reads is sparse.
 */
final class Schema {

    /** "CSG1": marks the file as a Countersign database, so another program's SQLite file is not taken for one. */
    static final int APPLICATION_ID = 0x43534731;

    static final List<Migration> MIGRATIONS = List.of(Migration.sql(
            """
            CREATE TABLE requests (
              id TEXT NOT NULL PRIMARY KEY,
              requester TEXT NOT NULL,
              profile TEXT NOT NULL,
              status TEXT NOT NULL,
              version INTEGER NOT NULL,
              created TEXT NOT NULL,
              deadline TEXT,
              data TEXT NOT NULL)""",
            "CREATE INDEX requests_by_requester ON requests (requester, created)",
            "CREATE INDEX requests_by_profile ON requests (profile, created)",
            "CREATE INDEX requests_by_status ON requests (status, created)",
            "CREATE INDEX requests_open ON requests (requester, profile, deadline, id) WHERE deadline IS NOT NULL",
            """
            CREATE TABLE decisions (
              request_id TEXT NOT NULL,
              sort_key TEXT NOT NULL,
              data TEXT NOT NULL,
              PRIMARY KEY (request_id, sort_key))""",
            """
            CREATE TABLE events (
              request_id TEXT NOT NULL,
              seq INTEGER NOT NULL,
              event_id TEXT NOT NULL,
              time TEXT NOT NULL,
              data TEXT NOT NULL,
              outbox TEXT CHECK (outbox IN ('due', 'dead')),
              delivered_to TEXT NOT NULL DEFAULT '[]',
              attempts INTEGER NOT NULL DEFAULT 0,
              next_attempt TEXT,
              last_error TEXT,
              PRIMARY KEY (request_id, seq))""",
            "CREATE INDEX events_outbox ON events (outbox, time, request_id, seq) WHERE outbox IS NOT NULL",
            "CREATE INDEX events_by_id ON events (event_id)",
            """
            CREATE TABLE inbox (
              request_id TEXT NOT NULL,
              principal TEXT NOT NULL,
              created TEXT NOT NULL,
              PRIMARY KEY (request_id, principal)) WITHOUT ROWID""",
            "CREATE INDEX inbox_by_principal ON inbox (principal, created)"),
            // 2: fewer B-trees for a write to touch (each one a page more in the log at every commit; see
            // docs/store.md "The cost of a write"). The inbox is one B-tree in the order its listing reads; the
            // event-id index holds only the dead letters, the one thing looked up by event id; a decision,
            // a small row, lives in its primary key's B-tree instead of a table and an index beside it.
            Migration.sql(
            "DROP INDEX events_by_id",
            "CREATE INDEX events_dead_by_id ON events (event_id) WHERE outbox = 'dead'",
            """
            CREATE TABLE inbox_v2 (
              request_id TEXT NOT NULL,
              principal TEXT NOT NULL,
              created TEXT NOT NULL,
              PRIMARY KEY (principal, created, request_id)) WITHOUT ROWID""",
            "INSERT INTO inbox_v2 (request_id, principal, created) SELECT request_id, principal, created FROM inbox",
            "DROP TABLE inbox",
            "ALTER TABLE inbox_v2 RENAME TO inbox",
            """
            CREATE TABLE decisions_v2 (
              request_id TEXT NOT NULL,
              sort_key TEXT NOT NULL,
              data TEXT NOT NULL,
              PRIMARY KEY (request_id, sort_key)) WITHOUT ROWID""",
            "INSERT INTO decisions_v2 (request_id, sort_key, data) SELECT request_id, sort_key, data FROM decisions",
            "DROP TABLE decisions",
            "ALTER TABLE decisions_v2 RENAME TO decisions"),
            // 3: the due indexes (docs/store.md "What is due"): what the sweep announces next, and the
            // earliest open follow-up, each the instant (fixed width) and the id, sparse. A review not yet
            // announced is due whatever the request's status; follow-ups were not tracked before.
            Migration.sql(
            "ALTER TABLE requests ADD COLUMN due TEXT",
            "ALTER TABLE requests ADD COLUMN follow_up TEXT",
            "UPDATE requests SET due = " + fixedWidth("json_extract(data, '$.reviewDate')") + " || '#' || id"
                    + " WHERE json_extract(data, '$.reviewDate') IS NOT NULL AND json_extract(data, '$.reviewDue') = 0",
            "CREATE INDEX requests_due ON requests (due) WHERE due IS NOT NULL",
            "CREATE INDEX requests_follow_up ON requests (follow_up) WHERE follow_up IS NOT NULL"),
            // 4: the follow-ups of grants made before they were tracked, which a request derives from its
            // sealed grant (StoredRequest.trackedFollowUps), in the due indexes (docs/store.md "What is due").
            Migration.step(FollowUpBackfill::run),
            // 5: the settled requests by profile, newest first: a new request's precedent candidates
            // (docs/store.md "Indexes"). A request enters it when it is decided, so a submission writes nothing
            // more, and the pending requests of a busy profile are never read to find none among them.
            Migration.sql("CREATE INDEX requests_settled ON requests (profile, created) WHERE " + Sql.SETTLED_ROWS));

    /** A database in one version, brought to the next: SQL statements, or a step that reads rows as the store does. */
    record Migration(List<String> statements, Step step) {
        Migration {
            statements = List.copyOf(statements);
        }

        static Migration sql(String... statements) {
            return new Migration(List.of(statements), null);
        }

        static Migration step(Step step) {
            return new Migration(List.of(), step);
        }

        void apply(Connection c) throws SQLException {
            for (String sql : statements) {
                execute(c, sql);
            }
            if (step != null) {
                step.run(c);
            }
        }
    }

    /** A migration's work that SQL alone cannot do, in the migration's transaction. */
    interface Step {
        void run(Connection c) throws SQLException;
    }

    /**
     * An ISO instant as JSON writes it ({@code 2026-12-04T10:15:30.5Z}: fraction of any length, or none)
     * at the fixed width the indexes sort by ({@code .500000000Z}).
     */
    private static String fixedWidth(String iso) {
        return "substr(" + iso + ", 1, 19) || '.' || substr(rtrim(substr(" + iso + ", 21), 'Z') || '000000000', 1, 9)"
                + " || 'Z'";
    }

    /** The schema this code writes. */
    static final Schema CURRENT = new Schema(MIGRATIONS);

    private final List<Migration> migrations;

    /** A schema of these migrations; tests give one more to see a migration run. */
    Schema(List<Migration> migrations) {
        this.migrations = List.copyOf(migrations);
    }

    int version() {
        return migrations.size();
    }

    /**
     * Checks the database in {@code file} and brings it to {@link #version()}: in WAL mode, every
     * migration it lacks applied in one transaction with the new version, so a process killed half way
     * leaves the old version whole and the next open starts again.
     */
    void migrate(Connection c, Path file, Duration patience) throws SQLException {
        if (checkInOneSnapshot(c, file) == version()) {
            return;
        }
        if (!"wal".equalsIgnoreCase(writeAheadLogging(c, patience))) {
            throw new StoreException("the database " + file + " cannot use write-ahead logging (is it on a network"
                    + " file system?): countersign needs it to let several commands use the store at once", null);
        }
        execute(c, "BEGIN IMMEDIATE");
        try {
            int at = check(c, file); // another process may have migrated while this one waited
            for (int v = at; v < version(); v++) {
                migrations.get(v).apply(c);
            }
            execute(c, "PRAGMA application_id = " + APPLICATION_ID);
            execute(c, "PRAGMA user_version = " + version());
            execute(c, "COMMIT");
        } catch (SQLException | RuntimeException e) {
            try {
                execute(c, "ROLLBACK");
            } catch (SQLException ignored) {
                // already rolled back by SQLite; the failure is what matters
            }
            throw e;
        }
    }

    /**
     * {@link #check} in one read transaction: its three reads must see one state of the file, or a
     * creation committed by another process between them reads as a foreign database (tables present,
     * no application id yet).
     */
    private int checkInOneSnapshot(Connection c, Path file) throws SQLException {
        execute(c, "BEGIN");
        try {
            int at = check(c, file);
            execute(c, "COMMIT");
            return at;
        } catch (SQLException | RuntimeException e) {
            try {
                execute(c, "ROLLBACK");
            } catch (SQLException ignored) {
                // nothing was written; the failure is what matters
            }
            throw e;
        }
    }

    /** The database's version; refuses one that is not ours or newer than this code. */
    private int check(Connection c, Path file) throws SQLException {
        int application = integer(c, "PRAGMA application_id");
        int at = integer(c, "PRAGMA user_version");
        if (application != 0 && application != APPLICATION_ID) {
            throw new StoreException(file + " is a SQLite database of another program (application id "
                    + Integer.toHexString(application) + "), not a countersign store", null);
        }
        if (application == 0 && at == 0 && integer(c, "SELECT count(*) FROM sqlite_master") > 0) {
            throw new StoreException(file + " is a SQLite database of another program, not a countersign store", null);
        }
        if (at > version()) {
            throw new StoreException("the database " + file + " has schema version " + at + ", newer than this"
                    + " countersign knows (" + version() + "): a newer countersign wrote it; use that version or a"
                    + " later one", null);
        }
        return at;
    }

    /**
     * Switches the file to write-ahead logging and answers the journal mode it is in. While another
     * connection still holds the file in the old journal mode (several first opens at once), SQLite
     * answers SQLITE_BUSY at once, without waiting in its busy handler: so the switch is tried again,
     * after a short jittered pause, until {@code patience} has passed.
     */
    private static String writeAheadLogging(Connection c, Duration patience) throws SQLException {
        long deadline = System.nanoTime() + patience.toNanos();
        for (int attempt = 0; ; attempt++) {
            try {
                return text(c, "PRAGMA journal_mode=WAL");
            } catch (SQLiteException e) {
                if ((e.getResultCode().code & 0xff) != SQLiteErrorCode.SQLITE_BUSY.code || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(Math.min(50, 1L << attempt) + ThreadLocalRandom.current().nextLong(5));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static int integer(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    private static String text(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
