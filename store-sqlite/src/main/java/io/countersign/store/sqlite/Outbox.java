package io.countersign.store.sqlite;

import com.fasterxml.jackson.core.type.TypeReference;
import io.countersign.engine.event.Event;
import io.countersign.engine.store.OutboxEntry;
import io.countersign.engine.store.StoredJson;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The outbox state of the events table: {@code outbox} is {@value #DUE} while some notifier still lacks
 * the event, {@value #DEAD} once it was given up on, and null once every notifier has it. The partial
 * index over it holds only the first two, oldest first.
 */
final class Outbox {

    static final String DUE = Sql.DUE;
    static final String DEAD = Sql.DEAD;
    private static final TypeReference<TreeSet<String>> NAMES = new TypeReference<>() {
    };

    private final Database db;

    Outbox(Database db) {
        this.db = db;
    }

    /**
     * The oldest {@code limit} events in {@code state}: by time, then request, then sequence. An owed event
     * filed under a row that is not its own (its request and sequence are not the row's key: written past
     * the store) is not handed out: its row becomes a dead letter saying so. A delivery is recorded under
     * the event's own key, so such a row would otherwise stay owed, and be handed out again, for ever.
     */
    List<OutboxEntry> entries(String state, int limit) {
        List<Misfiled> misfiled = new ArrayList<>();
        List<OutboxEntry> owed = db.read(c -> {
            PreparedStatement p = c.prepare(Sql.OUTBOX);
            p.setString(1, state);
            p.setInt(2, limit);
            List<OutboxEntry> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String next = rs.getString(4);
                    OutboxEntry entry = new OutboxEntry(StoredJson.read(rs.getString(1), Event.class),
                            StoredJson.read(rs.getString(2), NAMES), rs.getInt(3),
                            next == null ? null : Instant.parse(next), rs.getString(5));
                    Event e = entry.event();
                    String request = rs.getString(6);
                    long seq = rs.getLong(7);
                    if (DUE.equals(state) && (!request.equals(e.requestId()) || seq != e.sequence())) {
                        misfiled.add(new Misfiled(entry, request, seq));
                    } else {
                        out.add(entry);
                    }
                }
            }
            return out;
        });
        for (Misfiled m : misfiled) {
            Event e = m.entry().event();
            record(new OutboxEntry(e, m.entry().deliveredTo(), m.entry().attempts(), null, "not delivered: the row of"
                    + " request " + m.request() + "'s event " + m.seq() + " holds event " + e.id() + " of request "
                    + e.requestId() + ", sequence " + e.sequence() + ": it was written outside the store"), false, true,
                    m.request(), m.seq());
        }
        return owed;
    }

    /** An owed event found in a row that is not its own: the row's key. */
    private record Misfiled(OutboxEntry entry, String request, long seq) {
    }

    /**
     * Records a delivery round: who has the event and how many attempts failed; then out of the outbox
     * ({@code done}), into the dead letters ({@code dead}), or due again at its next attempt. The last
     * error is kept when the round reports none.
     */
    void delivery(OutboxEntry entry, boolean done, boolean dead) {
        record(entry, done, dead, entry.event().requestId(), entry.event().sequence());
    }

    /** {@link #delivery} of the event in the row {@code (request, seq)}. */
    private void record(OutboxEntry entry, boolean done, boolean dead, String request, long seq) {
        String to = StoredJson.write(new TreeSet<>(entry.deliveredTo()));
        db.write(c -> {
            PreparedStatement p;
            if (done) {
                p = c.prepare(Sql.DELIVERED);
            } else if (dead) {
                p = c.prepare(Sql.GIVEN_UP);
            } else {
                p = c.prepare(Sql.FAILED);
            }
            int i = 1;
            p.setString(i++, to);
            p.setInt(i++, entry.attempts());
            if (!done && !dead) {
                p.setString(i++, entry.nextAttempt() == null ? null : entry.nextAttempt().toString());
            }
            if (!done) {
                if (entry.lastError() == null) {
                    p.setNull(i++, Types.VARCHAR);
                } else {
                    p.setString(i++, entry.lastError());
                }
            }
            p.setString(i++, request);
            p.setLong(i, seq);
            p.executeUpdate();
            return null;
        });
    }

    /** For each of a request's events some notifier has, in sequence: who has it. */
    java.util.Map<Long, java.util.Set<String>> deliveredTo(String requestId) {
        return db.read(c -> {
            PreparedStatement p = c.prepare(Sql.DELIVERED_TO);
            p.setString(1, requestId);
            java.util.Map<Long, java.util.Set<String>> out = new java.util.LinkedHashMap<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), java.util.Set.copyOf(StoredJson.read(rs.getString(2), NAMES)));
                }
            }
            return out;
        });
    }

    /** Puts the dead letter {@code eventId} back, attempts reset; false when there is no such dead letter. */
    boolean retry(String eventId) {
        return db.write(c -> {
            PreparedStatement p = c.prepare(Sql.RETRY);
            p.setString(1, eventId);
            return p.executeUpdate() == 1;
        });
    }
}
