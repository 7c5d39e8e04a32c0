package io.countersign.store.sqlite;

import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.store.Due;
import io.countersign.engine.store.Listing;
import io.countersign.engine.store.Page;
import io.countersign.engine.store.StoredJson;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The store's listings, each a page of one index newest first (or earliest due first) below a cursor:
 * by requester, profile or status, an approver's inbox, the settled requests of a profile (precedent
 * candidates), and the due indexes. A page asks for one row more than it returns, to know whether
 * another follows.
 */
final class Listings {

    private final Database db;
    private final ParsedRequests parsed;

    Listings(Database db, ParsedRequests parsed) {
        this.db = db;
        this.parsed = parsed;
    }

    Page<StoredRequest> list(Listing listing, String cursor, int limit) {
        Page.limit(limit);
        String below = cursor == null ? SortKeys.TOP : SortKeys.after(cursor);
        List<Listed> found;
        if (listing instanceof Listing.ByRequester r) {
            found = db.read(c -> page(c, Sql.BY_REQUESTER, r.requester(), below, limit + 1));
        } else if (listing instanceof Listing.ByProfile p) {
            found = db.read(c -> page(c, Sql.BY_PROFILE, p.profile(), below, limit + 1));
        } else if (listing instanceof Listing.ByStatus s) {
            found = db.read(c -> page(c, Sql.BY_STATUS, s.status().toString(), below, limit + 1));
        } else {
            List<String> principals = ((Listing.Inbox) listing).principals();
            found = db.snapshot(c -> inbox(c, principals, below, limit + 1));
        }
        boolean more = found.size() > limit;
        List<Listed> items = more ? found.subList(0, limit) : found;
        String next = more ? SortKeys.cursor(items.get(items.size() - 1).created()) : null;
        // Through the parsed requests, as a get: a submission's precedent read lists the profile's newest
        // requests again and again, and an unchanged row is then a comparison, not a parse.
        return new Page<>(items.stream().map(l -> parsed.read(l.id(), l.data().getBytes(
                StandardCharsets.UTF_8))).toList(), next);
    }

    List<StoredRequest> settled(String profile, Instant since, int limit) {
        Page.limit(limit);
        List<Listed> found = db.read(c -> page(c, Sql.SETTLED, profile, SortKeys.sortable(since), limit));
        return found.stream().map(l -> parsed.read(l.id(), l.data().getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    /** A listed request: its sort key, and its JSON (read only when it makes the page). */
    private record Listed(String id, String created, String data) {
    }

    private static List<Listed> page(Database.Conn c, String sql, String value, String below, int n)
            throws SQLException {
        PreparedStatement p = c.prepare(sql);
        p.setString(1, value);
        p.setString(2, below);
        p.setInt(3, n);
        return listed(p);
    }

    /**
     * The newest {@code n} requests in any of the principals' inboxes. Each principal's newest {@code n}
     * are enough: a request among the newest {@code n} overall is among the newest {@code n} of a
     * principal whose inbox holds it, since everything newer there is newer overall too.
     */
    private static List<Listed> inbox(Database.Conn c, List<String> principals, String below, int n)
            throws SQLException {
        Map<String, Listed> byId = new HashMap<>();
        PreparedStatement p = c.prepare(Sql.INBOX);
        for (String principal : principals) {
            p.setString(1, principal);
            p.setString(2, below);
            p.setInt(3, n);
            for (Listed l : listed(p)) {
                byId.putIfAbsent(l.id(), l);
            }
        }
        return byId.values().stream().sorted(Comparator.comparing(Listed::created).reversed()).limit(n).toList();
    }

    private static List<Listed> listed(PreparedStatement p) throws SQLException {
        List<Listed> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(new Listed(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return out;
    }

    /** From the sparse index of {@code which}: the rows due by the bound, after the cursor's key. */
    Page<StoredRequest> due(Due which, Instant until, String cursor, int limit) {
        Page.limit(limit);
        String after = cursor == null ? "" : SortKeys.after(cursor);
        // "$" sorts just above "#": a request due exactly at the bound is in.
        String bound = until == null ? SortKeys.TOP : SortKeys.sortable(until) + "$";
        List<Listed> found = db.read(c -> {
            PreparedStatement p = c.prepare(which == Due.SWEEP ? Sql.DUE_SWEEP : Sql.DUE_FOLLOW_UP);
            p.setString(1, after);
            p.setString(2, bound);
            p.setInt(3, limit + 1);
            return listed(p);
        });
        boolean more = found.size() > limit;
        List<Listed> items = more ? found.subList(0, limit) : found;
        String next = more ? SortKeys.cursor(items.get(items.size() - 1).created()) : null;
        return new Page<>(items.stream().map(l -> StoredJson.read(l.data(), StoredRequest.class)).toList(), next);
    }
}
