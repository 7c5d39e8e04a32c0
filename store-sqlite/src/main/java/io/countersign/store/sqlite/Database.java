package io.countersign.store.sqlite;

import io.countersign.engine.store.StoreException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * One SQLite file and the connections this process holds on it.
 *
 * <p>A connection serves one thread at a time: a thread borrows one from the idle ones (or opens a new
 * one) and gives it back, so readers of many threads read at once, as WAL allows. Writers of this process
 * queue on one Java lock before they ask SQLite for its write lock ({@code BEGIN IMMEDIATE}): SQLite's own
 * wait for a busy database sleeps in steps of milliseconds, a Java lock hands over at once. Writers of
 * other processes meet at SQLite's lock, and wait for it up to the busy timeout.
 */
final class Database implements AutoCloseable {

    /** How long a writer waits for another process's write transaction before it gives up. */
    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);

    /** Work on one connection; SQL errors are translated by the caller of {@link Database}. */
    interface Work<T> {
        T on(Conn c) throws SQLException;
    }

    private final Path file;
    private final Duration busyTimeout;
    private final SQLiteConfig config;
    private final ReentrantLock writer = new ReentrantLock();
    private final ConcurrentLinkedDeque<Conn> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    private Database(Path file, Duration busyTimeout) {
        this.file = file;
        this.busyTimeout = busyTimeout;
        this.config = new SQLiteConfig();
        config.setBusyTimeout((int) busyTimeout.toMillis());
        // WAL with NORMAL: a commit is atomic whatever happens; it is durable against the process dying
        // at any instant (kill -9) because the WAL is written before COMMIT returns. See docs/store.md.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        // The driver would ask for the last row id after every insert: nothing here reads it.
        config.setGetGeneratedKeys(false);
    }

    /** Opens (creating when missing) the database in {@code file} and brings its schema up to date. */
    static Database open(Path file, Schema schema, Duration busyTimeout) {
        Database db = new Database(file.toAbsolutePath(), busyTimeout);
        db.create();
        try {
            db.read(c -> {
                schema.migrate(c.connection(), db.file, busyTimeout);
                return null;
            });
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    Path file() {
        return file;
    }

    /** Runs {@code work} on a connection of its own; each statement is its own transaction. */
    <T> T read(Work<T> work) {
        Conn c = borrow();
        try {
            return work.on(c);
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            release(c);
        }
    }

    /** Runs {@code work} in one read transaction: every statement sees the same snapshot. */
    <T> T snapshot(Work<T> work) {
        return read(c -> {
            c.run("BEGIN");
            try {
                T out = work.on(c);
                c.run("COMMIT");
                return out;
            } catch (SQLException | RuntimeException | Error e) {
                c.rollback();
                throw e;
            }
        });
    }

    /**
     * Runs {@code work} in one write transaction, taken with {@code BEGIN IMMEDIATE} so that it never
     * has to turn a read lock into a write lock (which may deadlock); committed when {@code work}
     * returns, rolled back when it throws.
     */
    <T> T write(Work<T> work) {
        writer.lock();
        try {
            return read(c -> {
                c.run("BEGIN IMMEDIATE");
                try {
                    T out = work.on(c);
                    c.run("COMMIT");
                    return out;
                } catch (SQLException | RuntimeException | Error e) {
                    c.rollback();
                    throw e;
                }
            });
        } finally {
            writer.unlock();
        }
    }

    /** The error a caller sees: what went wrong, naming the file. */
    StoreException failure(SQLException e) {
        int code = e instanceof SQLiteException s ? s.getResultCode().code & 0xff : e.getErrorCode() & 0xff;
        if (code == SQLiteErrorCode.SQLITE_BUSY.code || code == SQLiteErrorCode.SQLITE_LOCKED.code) {
            return new StoreException("the database " + file + " stayed locked by another process for more than "
                    + seconds(busyTimeout) + "; try again", e);
        }
        if (code == SQLiteErrorCode.SQLITE_NOTADB.code) {
            return new StoreException(file + " is not a SQLite database", e);
        }
        if (code == SQLiteErrorCode.SQLITE_READONLY.code || code == SQLiteErrorCode.SQLITE_CANTOPEN.code
                || code == SQLiteErrorCode.SQLITE_PERM.code) {
            return new StoreException("cannot write the database " + file + " (or its -wal and -shm files beside it): "
                    + e.getMessage(), e);
        }
        return new StoreException("the database " + file + " failed: " + e.getMessage(), e);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    @Override
    public void close() {
        closed = true;
        for (Conn c; (c = idle.pollFirst()) != null; ) {
            c.close();
        }
    }

    /** The file, created owner-only when missing: requests and their reasons are nobody else's to read. */
    private void create() {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(file);
                }
            }
        } catch (FileAlreadyExistsException raced) {
            // another process made it first: an empty file is an empty database
        } catch (IOException e) {
            throw new StoreException("cannot create the database " + file + ": " + e.getMessage(), e);
        }
    }

    private Conn borrow() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        Conn c = idle.pollFirst(); // the most recently used: its cache is warm
        if (c != null) {
            return c;
        }
        try {
            c = new Conn(config.createConnection("jdbc:sqlite:" + file));
        } catch (SQLException e) {
            throw failure(e);
        }
        return c;
    }

    private void release(Conn c) {
        if (closed) {
            c.close();
        } else {
            idle.offerFirst(c);
        }
    }

    /** A connection and its prepared statements, which are kept: preparing costs more than running. */
    static final class Conn {
        private final Connection connection;
        private final Map<String, PreparedStatement> prepared = new HashMap<>();

        Conn(Connection connection) {
            this.connection = connection;
        }

        Connection connection() {
            return connection;
        }

        PreparedStatement prepare(String sql) throws SQLException {
            PreparedStatement p = prepared.get(sql);
            if (p == null) {
                p = connection.prepareStatement(sql);
                prepared.put(sql, p);
            }
            return p;
        }

        /** Runs a statement without parameters or results (BEGIN, COMMIT), prepared once. */
        void run(String sql) throws SQLException {
            prepare(sql).execute();
        }

        void rollback() {
            try (Statement s = connection.createStatement()) {
                s.execute("ROLLBACK");
            } catch (SQLException ignored) {
                // no transaction left to roll back (SQLite ends one itself on some errors); the failure that
                // led here is what the caller reports
            }
        }

        void close() {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing releases what SQLite holds; nothing is left to undo
            }
        }
    }
}
