package io.countersign.store.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.contract.RawRecords;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.json.Json;
import io.countersign.engine.model.StoredRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The database file as someone who can write it sees it: plain SQL on its tables, past the store, with
 * no condition and no event. Each call opens its own connection, as another process would.
 */
final class SqliteRawRecords implements RawRecords {

    private final Path file;

    SqliteRawRecords(Path file) {
        this.file = file;
    }

    private interface Sql<T> {
        T run(Connection c) throws SQLException, JsonProcessingException;
    }

    private <T> T on(Sql<T> work) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (var s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 10000");
            }
            c.setAutoCommit(false);
            T out = work.run(c);
            c.commit();
            return out;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("raw access to " + file + " failed: " + e.getMessage(), e);
        }
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            p.executeUpdate();
        }
    }

    private static List<String[]> rows(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            List<String[]> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    String[] row = new String[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    out.add(row);
                }
            }
            return out;
        }
    }

    private static ObjectNode object(String json) throws JsonProcessingException {
        return (ObjectNode) Json.mapper().readTree(json);
    }

    @Override
    public Optional<ObjectNode> request(String id) {
        return on(c -> {
            List<String[]> r = rows(c, "SELECT data FROM requests WHERE id = ?", id);
            return r.isEmpty() ? Optional.<ObjectNode>empty() : Optional.of(object(r.get(0)[0]));
        });
    }

    @Override
    public void writeRequest(String id, JsonNode request) {
        on(c -> {
            update(c, "UPDATE requests SET data = ? WHERE id = ?", request.toString(), id);
            return null;
        });
    }

    @Override
    public void writeRequestIndexed(String id, JsonNode request) {
        on(c -> {
            StoredRequest r = Json.mapper().treeToValue(request, StoredRequest.class);
            String created = SortKeys.created(r);
            update(c, "UPDATE requests SET requester = ?, profile = ?, status = ?, version = ?, created = ?,"
                    + " deadline = ?, due = ?, follow_up = ?, data = ? WHERE id = ?", r.requester(), r.profile(),
                    r.status().toString(), r.version(), created, r.deadline() == null ? null
                    : SortKeys.sortable(r.deadline()), SortKeys.due(io.countersign.engine.store.Due.SWEEP, r),
                    SortKeys.due(io.countersign.engine.store.Due.FOLLOW_UP, r), request.toString(), id);
            update(c, "DELETE FROM inbox WHERE request_id = ?", id);
            for (String principal : r.inbox()) {
                update(c, "INSERT INTO inbox (request_id, principal, created) VALUES (?, ?, ?)", id, principal, created);
            }
            return null;
        });
    }

    @Override
    public void deleteRequest(String id) {
        on(c -> {
            update(c, "DELETE FROM requests WHERE id = ?", id);
            update(c, "DELETE FROM inbox WHERE request_id = ?", id);
            return null;
        });
    }

    @Override
    public List<ObjectNode> decisions(String id) {
        return on(c -> {
            List<ObjectNode> out = new ArrayList<>();
            for (String[] row : rows(c, "SELECT data FROM decisions WHERE request_id = ? ORDER BY sort_key", id)) {
                out.add(object(row[0]));
            }
            return out;
        });
    }

    @Override
    public void writeDecision(String id, JsonNode decision) {
        String decisionId = decision.path("decisionId").asText();
        on(c -> {
            for (String[] row : rows(c, "SELECT sort_key, data FROM decisions WHERE request_id = ?", id)) {
                if (object(row[1]).path("decisionId").asText().equals(decisionId)) {
                    update(c, "UPDATE decisions SET data = ? WHERE request_id = ? AND sort_key = ?",
                            decision.toString(), id, row[0]);
                    return null;
                }
            }
            ApprovalDecision d = Json.mapper().treeToValue(decision, ApprovalDecision.class);
            Instant date = d.decisionDate() == null ? Instant.EPOCH : d.decisionDate();
            update(c, "INSERT INTO decisions (request_id, sort_key, data) VALUES (?, ?, ?)", id,
                    SortKeys.sortable(date) + "#" + decisionId, decision.toString());
            return null;
        });
    }

    @Override
    public void deleteDecision(String id, String decisionId) {
        on(c -> {
            for (String[] row : rows(c, "SELECT sort_key, data FROM decisions WHERE request_id = ?", id)) {
                if (object(row[1]).path("decisionId").asText().equals(decisionId)) {
                    update(c, "DELETE FROM decisions WHERE request_id = ? AND sort_key = ?", id, row[0]);
                }
            }
            return null;
        });
    }

    @Override
    public SortedMap<Long, ObjectNode> events(String id) {
        return on(c -> {
            SortedMap<Long, ObjectNode> out = new TreeMap<>();
            for (String[] row : rows(c, "SELECT seq, data FROM events WHERE request_id = ? ORDER BY seq", id)) {
                out.put(Long.parseLong(row[0]), object(row[1]));
            }
            return out;
        });
    }

    @Override
    public void writeEvent(String id, long slot, JsonNode event) {
        String eventId = event.path("id").asText();
        String time = event.hasNonNull("time") ? SortKeys.sortable(Instant.parse(event.get("time").asText())) : "";
        on(c -> {
            if (rows(c, "SELECT seq FROM events WHERE request_id = ? AND seq = ?", id, slot).isEmpty()) {
                update(c, "INSERT INTO events (request_id, seq, event_id, time, data, outbox) VALUES (?, ?, ?, ?, ?, NULL)",
                        id, slot, eventId, time, event.toString());
            } else {
                update(c, "UPDATE events SET event_id = ?, time = ?, data = ? WHERE request_id = ? AND seq = ?",
                        eventId, time, event.toString(), id, slot);
            }
            return null;
        });
    }

    @Override
    public void deleteEvent(String id, long slot) {
        on(c -> {
            update(c, "DELETE FROM events WHERE request_id = ? AND seq = ?", id, slot);
            return null;
        });
    }
}
