package io.countersign.store.sqlite;

import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.store.Due;
import io.countersign.engine.store.StoreException;
import io.countersign.engine.store.StoredJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Migration 4: a grant made before follow-ups were tracked has no {@code followUps} in its record, so
 * the rows written then left it out of the due indexes. Its follow-ups are derived from its sealed grant
 * when it is read ({@link StoredRequest#trackedFollowUps()}); this puts each such row in the indexes at
 * the keys the store would write for it today. Only the index columns change, never the request's JSON:
 * its seal and its chain stay as they were, and no key is needed.
 */
final class FollowUpBackfill {

    /**
     * Granted (access started), with follow-ups in its grant and none tracked: what older code wrote. A row
     * that is not JSON at all is passed over (json_extract would fail the whole statement on it).
     */
    private static final String UNTRACKED = "SELECT id, data FROM requests WHERE CASE WHEN json_valid(data) THEN"
            + " json_extract(data, '$.followUps') IS NULL AND json_extract(data, '$.accessStart') IS NOT NULL"
            + " AND json_array_length(data, '$.grant.followUps') > 0 ELSE 0 END";

    private FollowUpBackfill() {
    }

    static void run(Connection c) throws SQLException {
        Map<String, StoredRequest> untracked = new LinkedHashMap<>();
        try (PreparedStatement p = c.prepareStatement(UNTRACKED); ResultSet rows = p.executeQuery()) {
            while (rows.next()) {
                try {
                    untracked.put(rows.getString(1), StoredJson.read(rows.getString(2), StoredRequest.class));
                } catch (StoreException unreadable) {
                    // Left out of the indexes, as it was: reading it fails as before, and refusing to open the
                    // whole store over one row would lose every other request's service.
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE requests SET due = ?, follow_up = ? WHERE id = ?")) {
            for (Map.Entry<String, StoredRequest> e : untracked.entrySet()) {
                p.setString(1, SortKeys.due(Due.SWEEP, e.getValue()));
                p.setString(2, SortKeys.due(Due.FOLLOW_UP, e.getValue()));
                p.setString(3, e.getKey());
                p.addBatch();
            }
            p.executeBatch();
        }
    }
}
