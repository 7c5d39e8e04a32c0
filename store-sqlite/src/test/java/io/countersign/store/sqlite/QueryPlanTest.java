package io.countersign.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Workflow;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SQLite's own account of how it answers each statement the store runs ({@code EXPLAIN QUERY PLAN}):
 * every lookup searches the index made for it; nothing scans a table or sorts on its own.
 */
class QueryPlanTest {

    /** The statements that read, and the index each must search. */
    static final Map<String, String> INDEX = new LinkedHashMap<>();

    static {
        INDEX.put(Sql.UPDATE_REQUEST, "SEARCH requests USING INDEX sqlite_autoindex_requests_1 (id=?)");
        INDEX.put(Sql.DELETE_INBOX, "SEARCH inbox USING PRIMARY KEY (principal=? AND created=? AND request_id=?)");
        INDEX.put(Sql.GET_REQUEST, "SEARCH requests USING INDEX sqlite_autoindex_requests_1 (id=?)");
        INDEX.put(Sql.HISTORY, "COMPOUND QUERY | LEFT-MOST SUBQUERY"
                + " | SEARCH requests USING INDEX sqlite_autoindex_requests_1 (id=?)"
                + " | UNION ALL | SEARCH decisions USING PRIMARY KEY (request_id=?)"
                + " | UNION ALL | SEARCH events USING INDEX sqlite_autoindex_events_1 (request_id=?)");
        INDEX.put(Sql.BY_REQUESTER, "SEARCH requests USING INDEX requests_by_requester (requester=? AND created<?)");
        INDEX.put(Sql.BY_PROFILE, "SEARCH requests USING INDEX requests_by_profile (profile=? AND created<?)");
        // the precedent read at submission (PrecedentFinder: the profile's newest settled requests, LIMIT bounded)
        INDEX.put(Sql.SETTLED, "SEARCH requests USING INDEX requests_settled (profile=? AND created>?)");
        INDEX.put(Sql.BY_STATUS, "SEARCH requests USING INDEX requests_by_status (status=? AND created<?)");
        INDEX.put(Sql.INBOX, "SEARCH i USING PRIMARY KEY (principal=? AND created<?)"
                + " | SEARCH r USING INDEX sqlite_autoindex_requests_1 (id=?)");
        INDEX.put(Sql.OPEN, "SEARCH requests USING INDEX requests_open (requester=? AND profile=? AND deadline>?)");
        INDEX.put(Sql.OPEN_RECORDS, "COMPOUND QUERY | LEFT-MOST SUBQUERY"
                + " | SEARCH requests USING INDEX requests_open (requester=? AND profile=? AND deadline>?)"
                + " | UNION ALL | SEARCH r USING INDEX requests_open (requester=? AND profile=? AND deadline>?)"
                + " | SEARCH d USING PRIMARY KEY (request_id=?)"
                + " | UNION ALL | SEARCH r USING INDEX requests_open (requester=? AND profile=? AND deadline>?)"
                + " | SEARCH e USING INDEX sqlite_autoindex_events_1 (request_id=?)");
        INDEX.put(Sql.DUE_SWEEP, "SEARCH requests USING INDEX requests_due (due>? AND due<?)");
        INDEX.put(Sql.DUE_FOLLOW_UP, "SEARCH requests USING INDEX requests_follow_up (follow_up>? AND follow_up<?)");
        INDEX.put(Sql.OUTBOX, "SEARCH events USING INDEX events_outbox (outbox=?)");
        INDEX.put(Sql.DELIVERED_TO, "SEARCH events USING INDEX sqlite_autoindex_events_1 (request_id=?)");
        INDEX.put(Sql.DELIVERED, "SEARCH events USING INDEX sqlite_autoindex_events_1 (request_id=? AND seq=?)");
        INDEX.put(Sql.GIVEN_UP, "SEARCH events USING INDEX sqlite_autoindex_events_1 (request_id=? AND seq=?)");
        INDEX.put(Sql.FAILED, "SEARCH events USING INDEX sqlite_autoindex_events_1 (request_id=? AND seq=?)");
        INDEX.put(Sql.RETRY, "SEARCH events USING INTEGER PRIMARY KEY (rowid=?)"
                + " | SCALAR SUBQUERY 1 | SEARCH events USING COVERING INDEX events_dead_by_id (event_id=?)");
    }

    @Test
    void everyQuerySearchesItsIndexOnAnEmptyAndOnAFullDatabase() throws Exception {
        try (SqliteStore store = SqliteStores.fresh()) {
            assertPlans(store);
            Workflow wf = Scenario.workflow(store);
            for (int i = 0; i < 300; i++) {
                StoredRequest r = wf.submit(Scenario.ask("user-" + (i % 7)));
                if (i % 3 == 0) {
                    wf.approve(r.id(), "lead-1", Terms.because("fine"));
                }
            }
            assertPlans(store);
        }
    }

    @Test
    void everyStatementIsCovered() {
        List<String> inserts = Sql.ALL.stream().filter(s -> !INDEX.containsKey(s)).toList();
        assertTrue(inserts.stream().allMatch(s -> s.startsWith("INSERT ")), inserts.toString());
        assertEquals(4, inserts.size(), "requests, decisions, events, inbox rows: " + inserts);
    }

    private static void assertPlans(SqliteStore store) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.file())) {
            for (String sql : Sql.ALL) {
                List<String> plan = plan(c, sql);
                for (String step : plan) {
                    assertFalse(step.startsWith("SCAN"), sql + ": " + plan);
                    assertFalse(step.contains("TEMP B-TREE"), sql + ": " + plan);
                }
                if (INDEX.containsKey(sql)) {
                    assertEquals(INDEX.get(sql), String.join(" | ", plan), sql);
                }
            }
        }
    }

    static List<String> plan(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("EXPLAIN QUERY PLAN " + sql); ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString("detail"));
            }
        }
        return out;
    }
}
