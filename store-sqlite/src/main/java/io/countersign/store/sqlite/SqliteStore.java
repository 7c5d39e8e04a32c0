package io.countersign.store.sqlite;

import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.store.Archive;
import io.countersign.engine.store.Change;
import io.countersign.engine.store.Due;
import io.countersign.engine.store.History;
import io.countersign.engine.store.Listing;
import io.countersign.engine.store.OpenRequest;
import io.countersign.engine.store.OutboxEntry;
import io.countersign.engine.store.Page;
import io.countersign.engine.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link Store} in one SQLite file ({@link Schema}): the embedded default. Creation is conditional
 * on the id being new; every transition is one transaction that replaces the request (conditional on
 * its version and status), adds the decisions and events, and moves the approver-inbox rows. Every
 * query is answered from an index. Any number of processes may use the file at once (WAL). This class
 * maps the SPI onto the package's parts: {@link ChangeRows} writes a change, {@link RequestReads} reads a
 * request and its history, {@link Listings} pages the indexes, {@link Outbox} keeps the deliveries, and
 * {@link Transfer} moves a whole store.
 */
public final class SqliteStore implements Store {

    /** The database's file name in the home directory. */
    public static final String FILE = "countersign.db";

    private final Database db;
    private final RequestReads reads;
    private final Listings listings;
    private final Outbox outbox;
    private final Transfer transfer;

    private SqliteStore(Database db) {
        this.db = db;
        ParsedRequests parsed = new ParsedRequests();
        this.reads = new RequestReads(db, parsed);
        this.listings = new Listings(db, parsed);
        this.outbox = new Outbox(db);
        this.transfer = new Transfer(db, reads::history);
    }

    /** The store in {@code home}'s {@value #FILE}, created or brought up to date when needed. */
    public static SqliteStore in(Path home) {
        return open(home.resolve(FILE));
    }

    /** The store in the database {@code file}, created or brought up to date when needed. */
    public static SqliteStore open(Path file) {
        return open(file, Database.BUSY_TIMEOUT);
    }

    /** As {@link #open(Path)}, a writer waiting at most {@code busyTimeout} for another process's write. */
    static SqliteStore open(Path file, Duration busyTimeout) {
        return new SqliteStore(Database.open(file, Schema.CURRENT, busyTimeout));
    }

    /** The store in {@code file} at {@code schema}'s version (the tests' older schemas). */
    static SqliteStore open(Path file, Schema schema) {
        return new SqliteStore(Database.open(file, schema, Database.BUSY_TIMEOUT));
    }

    /** The database file. */
    public Path file() {
        return db.file();
    }

    // ---- writes ----------------------------------------------------------------------------------

    @Override
    public void create(Change change) {
        ChangeRows rows = new ChangeRows(change);
        db.write(c -> {
            rows.create(c);
            return null;
        });
    }

    @Override
    public void transition(StoredRequest before, Change change) {
        if (!change.request().id().equals(before.id())) {
            throw new IllegalArgumentException("a transition keeps the request's id");
        }
        ChangeRows rows = new ChangeRows(change);
        db.write(c -> {
            rows.replace(c, before);
            return null;
        });
    }

    // ---- reads -----------------------------------------------------------------------------------

    @Override
    public Optional<StoredRequest> get(String id) {
        return reads.get(id);
    }

    @Override
    public Optional<History> history(String id) {
        return reads.history(id);
    }

    @Override
    public Page<StoredRequest> list(Listing listing, String cursor, int limit) {
        return listings.list(listing, cursor, limit);
    }

    @Override
    public List<StoredRequest> settled(String profile, Instant since, int limit) {
        return listings.settled(profile, since, limit);
    }

    @Override
    public List<StoredRequest> open(String requester, String profile, Instant after) {
        return reads.open(requester, profile, after);
    }

    /** One statement: the open requests, and the decisions and events of the approved ones. */
    @Override
    public List<OpenRequest> openWithHistories(String requester, String profile, Instant after) {
        return reads.openWithHistories(requester, profile, after, this);
    }

    @Override
    public Page<StoredRequest> due(Due which, Instant until, String cursor, int limit) {
        return listings.due(which, until, cursor, limit);
    }

    // ---- the outbox ----------------------------------------------------------------------------------

    @Override
    public List<OutboxEntry> outbox(int limit) {
        return outbox.entries(Outbox.DUE, limit);
    }

    @Override
    public List<OutboxEntry> deadLetters(int limit) {
        return outbox.entries(Outbox.DEAD, limit);
    }

    @Override
    public void delivery(OutboxEntry entry, boolean done, boolean dead) {
        outbox.delivery(entry, done, dead);
    }

    @Override
    public boolean retry(String eventId) {
        return outbox.retry(eventId);
    }

    @Override
    public Map<Long, Set<String>> deliveredTo(String id) {
        return outbox.deliveredTo(id);
    }

    // ---- moving a whole store --------------------------------------------------------------------------

    @Override
    public Page<String> requestIds(String cursor, int limit) {
        return transfer.requestIds(cursor, limit);
    }

    @Override
    public Optional<Archive> archive(String id) {
        return transfer.archive(id);
    }

    @Override
    public boolean restore(Archive archive) {
        return transfer.restore(archive);
    }

    @Override
    public void close() {
        db.close();
    }
}
