package io.countersign.store.sqlite;

import com.fasterxml.jackson.core.type.TypeReference;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.store.Archive;
import io.countersign.engine.store.ConflictException;
import io.countersign.engine.store.History;
import io.countersign.engine.store.Page;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.store.StoredJson;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Moving a whole store ({@code store export} and {@code store import}): every request id by the primary
 * key's order, a request's record with its events' delivery records (owed, dead, or delivered and to
 * whom), and a record written back exactly as given. A restored event is filed by its place in the history, as the SPI asks.
 */
final class Transfer {

    private static final String IDS = "SELECT id FROM requests WHERE id > ? ORDER BY id LIMIT ?";
    /** Every event with a delivery record: in the outbox, dead, or delivered to someone (or after a failure). */
    private static final String DELIVERY_OF = "SELECT event_id, outbox, delivered_to, attempts, next_attempt,"
            + " last_error FROM events WHERE request_id = ? AND (outbox IS NOT NULL OR delivered_to <> '[]'"
            + " OR attempts <> 0 OR last_error IS NOT NULL) ORDER BY seq";
    private static final String RESTORE_EVENT = "INSERT INTO events (request_id, seq, event_id, time, data, outbox,"
            + " delivered_to, attempts, next_attempt, last_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final TypeReference<TreeSet<String>> NAMES = new TypeReference<>() {
    };
    private final Database db;
    private final Function<String, Optional<History>> histories;

    Transfer(Database db, Function<String, Optional<History>> histories) {
        this.db = db;
        this.histories = histories;
    }

    Page<String> requestIds(String cursor, int limit) {
        Page.limit(limit);
        String after = cursor == null ? "" : decode(cursor);
        List<String> ids = db.read(c -> {
            PreparedStatement p = c.prepare(IDS);
            p.setString(1, after);
            p.setInt(2, limit + 1);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
        boolean more = ids.size() > limit;
        List<String> page = more ? ids.subList(0, limit) : ids;
        return new Page<>(page, more ? encode(page.get(page.size() - 1)) : null);
    }

    Optional<Archive> archive(String id) {
        Optional<History> h = histories.apply(id);
        if (h.isEmpty()) {
            return Optional.empty();
        }
        // Read after the history: a delivery that moved on in between is only further along, and an
        // event the history holds is never missing here, since events are written with their request.
        List<Archive.Delivery> deliveries = db.read(c -> {
            PreparedStatement p = c.prepare(DELIVERY_OF);
            p.setString(1, id);
            List<Archive.Delivery> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String next = rs.getString(5);
                    String box = rs.getString(2);
                    Archive.State state = box == null ? Archive.State.DELIVERED
                            : Sql.DEAD.equals(box) ? Archive.State.DEAD : Archive.State.OWED;
                    out.add(new Archive.Delivery(rs.getString(1), StoredJson.read(rs.getString(3), NAMES),
                            rs.getInt(4), next == null ? null : Instant.parse(next), rs.getString(6), state));
                }
            }
            return out;
        });
        return Optional.of(new Archive(h.get(), deliveries));
    }

    boolean restore(Archive archive) {
        History h = archive.history();
        StoredRequest r = h.request();
        Optional<History> there = histories.apply(r.id());
        if (there.isPresent()) {
            if (there.get().sameAs(h)) {
                return false;
            }
            throw new ConflictException("request " + r.id() + " exists in this store with a different history");
        }
        Map<String, Archive.Delivery> byEvent = new HashMap<>();
        archive.deliveries().forEach(d -> byEvent.put(d.eventId(), d));
        String created = SortKeys.created(r);
        return db.write(c -> {
            PreparedStatement p = c.prepare(Sql.INSERT_REQUEST);
            p.setString(1, r.id());
            p.setString(2, r.requester());
            p.setString(3, r.profile());
            p.setString(4, r.status().toString());
            p.setLong(5, r.version());
            p.setString(6, created);
            p.setString(7, r.deadline() == null ? null : SortKeys.sortable(r.deadline()));
            p.setString(8, SortKeys.due(io.countersign.engine.store.Due.SWEEP, r));
            p.setString(9, SortKeys.due(io.countersign.engine.store.Due.FOLLOW_UP, r));
            p.setString(10, StoredJson.write(r));
            if (p.executeUpdate() == 0) {
                throw new ConflictException("request " + r.id() + " was written by someone else during the import");
            }
            PreparedStatement d = c.prepare(Sql.INSERT_DECISION);
            for (ApprovalDecision decision : h.decisions()) {
                d.setString(1, r.id());
                d.setString(2, SortKeys.sortable(decision.decisionDate()) + "#" + decision.decisionId());
                d.setString(3, StoredJson.write(decision));
                d.executeUpdate();
            }
            PreparedStatement e = c.prepare(RESTORE_EVENT);
            long place = 0;
            for (Event event : h.events()) {
                Archive.Delivery state = byEvent.get(event.id());
                e.setString(1, r.id());
                e.setLong(2, ++place);
                e.setString(3, event.id());
                e.setString(4, SortKeys.sortable(event.time()));
                e.setString(5, StoredJson.write(event));
                e.setString(6, state == null || !state.pending() ? null : state.dead() ? Sql.DEAD : Sql.DUE);
                e.setString(7, StoredJson.write(new TreeSet<>(state == null ? List.<String>of() : state.deliveredTo())));
                e.setInt(8, state == null ? 0 : state.attempts());
                e.setString(9, state == null || state.nextAttempt() == null ? null : state.nextAttempt().toString());
                e.setString(10, state == null ? null : state.lastError());
                e.executeUpdate();
            }
            PreparedStatement in = c.prepare(Sql.INSERT_INBOX);
            for (String principal : r.inbox()) {
                in.setString(1, principal);
                in.setString(2, created);
                in.setString(3, r.id());
                in.executeUpdate();
            }
            return true;
        });
    }

    private static String encode(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a cursor of this store: " + cursor, e);
        }
    }
}
