package io.countersign.store.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.countersign.engine.json.Json;
import io.countersign.engine.store.Archive;
import io.countersign.engine.store.Change;
import io.countersign.engine.store.ConflictException;
import io.countersign.engine.store.Due;
import io.countersign.engine.store.History;
import io.countersign.engine.store.Listing;
import io.countersign.engine.store.OpenRequest;
import io.countersign.engine.store.OutboxEntry;
import io.countersign.engine.store.Page;
import io.countersign.engine.store.Store;
import io.countersign.engine.store.StoreException;
import io.countersign.engine.model.StoredRequest;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link Store} in one SQLite file ({@link Schema}): the embedded default. Creation is conditional
 * on the id being new; every transition is one transaction that replaces the request (conditional on
 * its version and status), adds the decisions and events, and moves the approver-inbox rows. Every
 * query is answered from an index. Any number of processes may use the file at once (WAL).
 */
public final class SqliteStore implements Store {

    /** The database's file name in the home directory. */
    public static final String FILE = "countersign.db";

    private final Database db;
    private final Outbox outbox;
    private final Transfer transfer;
    private final ParsedRequests parsed = new ParsedRequests();
    private final Histories histories = new Histories(parsed);
    private final Listings listings;

    private SqliteStore(Database db) {
        this.db = db;
        this.listings = new Listings(db, parsed);
        this.outbox = new Outbox(db);
        this.transfer = new Transfer(db, this::history);
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
    static SqliteStore open(Path file, java.time.Duration busyTimeout) {
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
        ChangeRows row = new ChangeRows(change);
        db.write(c -> {
            PreparedStatement p = c.prepare(Sql.INSERT_REQUEST);
            row.bindRequest(p, 1);
            if (p.executeUpdate() == 0) {
                throw new ConflictException("request " + row.id + " exists already");
            }
            row.insertRecords(c, java.util.Set.of());
            return null;
        });
    }

    @Override
    public void transition(StoredRequest before, Change change) {
        StoredRequest r = change.request();
        if (!r.id().equals(before.id())) {
            throw new IllegalArgumentException("a transition keeps the request's id");
        }
        ChangeRows row = new ChangeRows(change);
        db.write(c -> {
            PreparedStatement p = c.prepare(Sql.UPDATE_REQUEST);
            int i = row.bindChange(p, 1);
            p.setString(i++, before.id());
            p.setLong(i++, before.version());
            p.setString(i, before.status().toString());
            if (p.executeUpdate() == 0) {
                throw new ConflictException("request " + r.id() + " changed since version " + before.version());
            }
            // The stored request is `before` (same version): its inbox rows are before's principals.
            PreparedStatement leave = c.prepare(Sql.DELETE_INBOX);
            String created = SortKeys.created(before);
            for (String principal : before.inbox()) {
                if (!r.inbox().contains(principal)) {
                    leave.setString(1, principal);
                    leave.setString(2, created);
                    leave.setString(3, r.id());
                    leave.executeUpdate();
                }
            }
            row.insertRecords(c, before.inbox());
            return null;
        });
    }

    // ---- reads -----------------------------------------------------------------------------------

    @Override
    public Optional<StoredRequest> get(String id) {
        return db.read(c -> Optional.ofNullable(request(c, id)));
    }

    private StoredRequest request(Database.Conn c, String id) throws SQLException {
        PreparedStatement p = c.prepare(Sql.GET_REQUEST);
        p.setString(1, id);
        try (ResultSet rs = p.executeQuery()) {
            return rs.next() ? parsed.read(id, rs.getBytes(1)) : null;
        }
    }

    @Override
    public Optional<History> history(String id) {
        return db.read(c -> {
            PreparedStatement p = c.prepare(Sql.HISTORY);
            p.setString(1, id);
            p.setString(2, id);
            p.setString(3, id);
            byte[] request = null;
            List<Keyed> decisions = new ArrayList<>();
            List<Keyed> events = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    switch (rs.getInt(1)) {
                        case 0 -> request = rs.getBytes(3);
                        case 1 -> decisions.add(new Keyed(rs.getString(2), 0, rs.getBytes(3)));
                        default -> events.add(new Keyed(null, rs.getLong(2), rs.getBytes(3)));
                    }
                }
            }
            if (request == null) {
                return Optional.<History>empty();
            }
            return Optional.of(history(id, request, decisions, events));
        });
    }

    /** A history from its rows as read, in any order. */
    private History history(String id, byte[] request, List<Keyed> decisions, List<Keyed> events) {
        decisions.sort(Comparator.comparing(Keyed::key));
        events.sort(Comparator.comparingLong(Keyed::seq));
        return histories.read(id, new Histories.Texts(request, decisions.stream().map(Keyed::data).toList(),
                events.stream().map(Keyed::data).toList()));
    }

    /** A decision's row (by its key) or an event's (by its sequence), its text as UTF-8 bytes. */
    private record Keyed(String key, long seq, byte[] data) {
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
        String bound = SortKeys.sortable(after);
        return db.read(c -> {
            PreparedStatement p = c.prepare(Sql.OPEN);
            p.setString(1, requester);
            p.setString(2, profile);
            p.setString(3, bound);
            List<StoredRequest> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(parsed.read(rs.getString(1), rs.getBytes(2)));
                }
            }
            return out;
        });
    }

    /** One statement: the open requests, and the decisions and events of the approved ones. */
    @Override
    public List<OpenRequest> openWithHistories(String requester, String profile, Instant after) {
        String bound = SortKeys.sortable(after);
        return db.read(c -> {
            PreparedStatement p = c.prepare(Sql.OPEN_RECORDS);
            p.setString(1, requester);
            p.setString(2, profile);
            p.setString(3, bound);
            List<Opened> found = new ArrayList<>();
            Map<String, List<Keyed>> decisions = new HashMap<>();
            Map<String, List<Keyed>> events = new HashMap<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(2);
                    switch (rs.getInt(1)) {
                        case 0 -> found.add(new Opened(id, rs.getString(3), rs.getInt(4) == 1, rs.getBytes(5)));
                        case 1 -> decisions.computeIfAbsent(id, k -> new ArrayList<>())
                                .add(new Keyed(rs.getString(3), 0, rs.getBytes(5)));
                        default -> events.computeIfAbsent(id, k -> new ArrayList<>())
                                .add(new Keyed(null, rs.getLong(4), rs.getBytes(5)));
                    }
                }
            }
            found.sort(Comparator.comparing(Opened::deadline).thenComparing(Opened::id));
            List<OpenRequest> out = new ArrayList<>();
            for (Opened o : found) {
                StoredRequest r = parsed.read(o.id(), o.data());
                out.add(o.approved() ? OpenRequest.read(r, history(o.id(), o.data(),
                        decisions.getOrDefault(o.id(), new ArrayList<>()), events.getOrDefault(o.id(), new ArrayList<>())))
                        : OpenRequest.of(r, this));
            }
            return out;
        });
    }

    /** A request the open query found: whether its row says approved (its records were read with it). */
    private record Opened(String id, String deadline, boolean approved, byte[] data) {
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
    public java.util.Map<Long, java.util.Set<String>> deliveredTo(String id) {
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

    static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored values are plain JSON", e);
        }
    }

    static <T> T read(String json, com.fasterxml.jackson.core.type.TypeReference<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored item cannot be read: " + Json.describe(e), e);
        }
    }

    static <T> T read(byte[] json, Class<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (java.io.IOException e) {
            throw new StoreException("a stored item cannot be read: " + (e instanceof JsonProcessingException j
                    ? Json.describe(j) : e.getMessage()), e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored item cannot be read: " + Json.describe(e), e);
        }
    }
}
