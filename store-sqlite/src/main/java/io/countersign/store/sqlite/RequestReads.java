package io.countersign.store.sqlite;

import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.store.History;
import io.countersign.engine.store.OpenRequest;
import io.countersign.engine.store.Store;
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
 * A request read by its id (alone, or with its decisions and events as its history) and a requester's
 * open requests of a profile, each in one statement and so in one snapshot. The texts go through the
 * parsed requests and histories, so that a row read again unchanged is not parsed again.
 */
final class RequestReads {

    private final Database db;
    private final ParsedRequests parsed;
    private final Histories histories;

    RequestReads(Database db, ParsedRequests parsed) {
        this.db = db;
        this.parsed = parsed;
        this.histories = new Histories(parsed);
    }

    Optional<StoredRequest> get(String id) {
        return db.read(c -> {
            PreparedStatement p = c.prepare(Sql.GET_REQUEST);
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                return Optional.ofNullable(rs.next() ? parsed.read(id, rs.getBytes(1)) : null);
            }
        });
    }

    Optional<History> history(String id) {
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

    List<StoredRequest> open(String requester, String profile, Instant after) {
        String bound = SortKeys.sortable(after);
        return db.read(c -> {
            PreparedStatement p = open(c, Sql.OPEN, requester, profile, bound);
            List<StoredRequest> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(parsed.read(rs.getString(1), rs.getBytes(2)));
                }
            }
            return out;
        });
    }

    /**
     * One statement: the open requests, and the decisions and events of the approved ones. A pending
     * request's history is left to {@code store} to read if it is ever asked for.
     */
    List<OpenRequest> openWithHistories(String requester, String profile, Instant after, Store store) {
        String bound = SortKeys.sortable(after);
        return db.read(c -> {
            PreparedStatement p = open(c, Sql.OPEN_RECORDS, requester, profile, bound);
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
                // A row holding another request's record (its key is not sealed) is checked as that request,
                // by the record's own id: never by the copy's rows, which verify as the copy they are.
                out.add(o.approved() && r.id().equals(o.id()) ? OpenRequest.read(r, history(o.id(), o.data(),
                        decisions.getOrDefault(o.id(), new ArrayList<>()), events.getOrDefault(o.id(), new ArrayList<>())))
                        : OpenRequest.of(r, store));
            }
            return out;
        });
    }

    /** A request the open query found: whether its row says approved (its records were read with it). */
    private record Opened(String id, String deadline, boolean approved, byte[] data) {
    }

    private static PreparedStatement open(Database.Conn c, String sql, String requester, String profile,
            String bound) throws SQLException {
        PreparedStatement p = c.prepare(sql);
        p.setString(1, requester);
        p.setString(2, profile);
        p.setString(3, bound);
        return p;
    }
}
