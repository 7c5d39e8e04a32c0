package io.countersign.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.audit.AuditTrail;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.workflow.Actor;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Workflow;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whoever can write the file can change it; `audit verify` must then say where. */
class TamperingTest {

    SqliteStore store;
    AuditTrail audit;
    String id;

    @BeforeEach
    void aRequestWithAHistory() {
        store = SqliteStores.fresh();
        Workflow wf = Scenario.workflow(store);
        StoredRequest r = wf.submit(Scenario.ask("frank"));
        wf.approve(r.id(), "lead-1", Terms.because("ok"));
        wf.revoke(r.id(), Actor.of("lead-2"), "done");
        id = r.id();
        wf.submit(Scenario.ask("erin"));
        audit = new AuditTrail(store);
        assertEquals(List.of(), audit.verifyAll(), "intact before anyone touches it");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aChangedEventBreaksTheChainAtThatEvent() throws SQLException {
        update("UPDATE events SET data = replace(data, '\"actor\":\"lead-1\"', '\"actor\":\"mallory\"')"
                + " WHERE request_id = ? AND seq = 2");
        List<AuditTrail.Finding> f = findings();
        assertEquals(1, f.size(), f.toString());
        assertEquals(2L, f.get(0).sequence());
        assertTrue(f.get(0).problem().contains("hash"), f.toString());
    }

    @Test
    void aRemovedEventBreaksTheChainWhereItWas() throws SQLException {
        update("DELETE FROM events WHERE request_id = ? AND seq = 2");
        assertEquals(3L, findings().get(0).sequence());
    }

    @Test
    void removingTheNewestEventShowsToo() throws SQLException {
        update("DELETE FROM events WHERE request_id = ? AND seq = (SELECT max(seq) FROM events WHERE request_id = ?1)");
        List<AuditTrail.Finding> f = findings();
        assertTrue(f.get(0).problem().contains("missing"), f.toString());
    }

    @Test
    void reorderedEventsBreakTheChain() throws SQLException {
        update("UPDATE events SET seq = -seq WHERE request_id = ? AND seq IN (2, 3)");
        update("UPDATE events SET seq = 5 + seq WHERE request_id = ? AND seq IN (-2, -3)");
        List<AuditTrail.Finding> f = findings();
        assertTrue(f.get(0).problem().contains("where 2 was expected"), f.toString());
    }

    @Test
    void anAlteredDecisionDiffersFromTheOneAnnounced() throws SQLException {
        update("UPDATE decisions SET data = replace(data, '\"rationale\":\"ok\"', '\"rationale\":\"approved by the CEO\"')"
                + " WHERE request_id = ?");
        List<AuditTrail.Finding> f = findings();
        assertTrue(f.get(0).problem().contains("differs"), f.toString());
    }

    @Test
    void aRequestEditedAfterItWasReadIsReadAsItNowIs() throws SQLException {
        StoredRequest before = store.get(id).orElseThrow();
        assertEquals(before, store.open("frank", "prod-db", before.createdAt()).stream().findFirst().orElse(before));
        update("UPDATE requests SET data = replace(data, '\"ticket\":\"CHG-1\"', '\"ticket\":\"CHG-666\"')"
                + " WHERE id = ?");
        assertEquals("CHG-666", store.get(id).orElseThrow().ticket(), "what was read before is not served again");
    }

    private List<AuditTrail.Finding> findings() {
        List<AuditTrail.Finding> all = audit.verifyAll();
        assertTrue(!all.isEmpty() && all.stream().allMatch(f -> f.requestId().equals(id)), "only the touched request: " + all);
        return all;
    }

    /** Behind the store's back: a connection of its own to the file. */
    private void update(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.file());
                PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, id);
            assertTrue(p.executeUpdate() > 0, "changed nothing: " + sql);
        }
    }
}
