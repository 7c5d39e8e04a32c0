package io.countersign.cli.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.cli.Run;
import io.countersign.cli.Workspace;
import io.countersign.engine.json.Json;
import io.countersign.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code show} does not believe what it reads: a store edited behind the workflow's back (a connection
 * of the test's own to the SQLite file) is shown with its decisions' signatures marked as not verified,
 * the broken link named, and exit 1 — never "event chain intact" or a plain "signed".
 */
class TamperedShowTest {

    @TempDir
    Path dir;
    Workspace ws;
    String id;

    @BeforeEach
    void anApprovedRequest() throws Exception {
        ws = Workspace.in(dir);
        id = ws.request("alice");
        Run intact = show();
        assertEquals(0, intact.exit(), intact.out() + intact.err());
        assertTrue(intact.out().contains("alice  approved  final (group:sre-leads), signed: On the change calendar"),
                intact.out());
        assertTrue(intact.out().contains("event chain intact: 4 events"), intact.out());
    }

    private Run show(String... more) {
        String[] args = new String[more.length + 2];
        args[0] = "show";
        args[1] = id;
        System.arraycopy(more, 0, args, 2, more.length);
        return ws.decide(Map.of(), args);
    }

    private Connection db() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + ws.home().resolve(SqliteStore.FILE));
    }

    private static void untrusted(Run shown) {
        assertEquals(1, shown.exit(), shown.out() + shown.err());
        assertTrue(shown.out().contains("DOES NOT VERIFY"), shown.out());
        assertFalse(shown.out().contains("event chain intact"), shown.out());
    }

    @Test
    void anApprovalRewrittenInTheDatabaseIsNotLabelledSigned() throws Exception {
        try (Connection c = db();
                PreparedStatement read = c.prepareStatement("SELECT sort_key, data FROM decisions WHERE request_id = ?")) {
            read.setString(1, id);
            String key;
            ObjectNode decision;
            try (ResultSet rs = read.executeQuery()) {
                assertTrue(rs.next(), "alice's decision is stored");
                key = rs.getString(1);
                decision = (ObjectNode) Json.mapper().readTree(rs.getString(2));
                assertFalse(rs.next(), "one decision");
            }
            decision.put("approver", "bob").put("rationale", "Approved by the CISO");
            try (PreparedStatement write = c.prepareStatement(
                    "UPDATE decisions SET data = ? WHERE request_id = ? AND sort_key = ?")) {
                write.setString(1, decision.toString());
                write.setString(2, id);
                write.setString(3, key);
                assertEquals(1, write.executeUpdate());
            }
        }
        Run shown = show();
        untrusted(shown);
        assertTrue(shown.out().contains("bob  approved  final (group:sre-leads), signed (NOT verified): Approved by the CISO"),
                shown.out());
        assertFalse(shown.out().contains(", signed:"), shown.out());
        assertTrue(shown.out().contains("event 2: decision "), shown.out());

        Run json = show("--output", "json");
        assertEquals(1, json.exit(), json.err());
        JsonNode findings = Json.mapper().readTree(json.out()).get("findings");
        assertFalse(findings.isEmpty(), json.out());
    }

    @Test
    void aDecisionNoEventAnnouncedIsNotLabelledSigned() throws Exception {
        try (Connection c = db()) {
            String data;
            try (PreparedStatement read = c.prepareStatement("SELECT data FROM decisions WHERE request_id = ?")) {
                read.setString(1, id);
                try (ResultSet rs = read.executeQuery()) {
                    assertTrue(rs.next());
                    data = rs.getString(1);
                }
            }
            // a second approval, bob's, copied from alice's with a fresh id: signed as far as its fields say
            ObjectNode forged = (ObjectNode) Json.mapper().readTree(data);
            String decisionId = UUID.randomUUID().toString();
            forged.put("decisionId", decisionId).put("approver", "bob").put("rationale", "Agreed");
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO decisions (request_id, sort_key, data) VALUES (?, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, "~#" + decisionId);
                insert.setString(3, forged.toString());
                assertEquals(1, insert.executeUpdate());
            }
        }
        Run shown = show();
        untrusted(shown);
        assertTrue(shown.out().contains("bob    approved  final (group:sre-leads), signed (NOT verified): Agreed"),
                shown.out());
        // alice's own decision still verifies on its own and keeps its label; the record as a whole does not
        assertTrue(shown.out().contains("alice  approved  final (group:sre-leads), signed: On the change calendar"),
                shown.out());
        assertTrue(shown.out().contains("was never announced by an event"), shown.out());
    }

    @Test
    void aBrokenChainIsReportedAtItsEvent() throws Exception {
        try (Connection c = db()) {
            String data;
            try (PreparedStatement read = c.prepareStatement("SELECT data FROM events WHERE request_id = ? AND seq = 2")) {
                read.setString(1, id);
                try (ResultSet rs = read.executeQuery()) {
                    assertTrue(rs.next());
                    data = rs.getString(1);
                }
            }
            ObjectNode event = (ObjectNode) Json.mapper().readTree(data);
            event.put("actor", "mallory");
            try (PreparedStatement write = c.prepareStatement(
                    "UPDATE events SET data = ? WHERE request_id = ? AND seq = 2")) {
                write.setString(1, event.toString());
                write.setString(2, id);
                assertEquals(1, write.executeUpdate());
            }
        }
        Run shown = show();
        untrusted(shown);
        assertTrue(shown.out().contains("  event 2: hash does not match the event's content"), shown.out());
        assertTrue(shown.out().contains("alice  approved  final (group:sre-leads), signed (NOT verified)"), shown.out());
        assertFalse(shown.out().contains(", signed:"), shown.out());
    }
}
