package io.countersign.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.access.AccessAnswer;
import io.countersign.engine.audit.AuditTrail;
import io.countersign.engine.contract.StoreFixture;
import io.countersign.engine.contract.TamperingHarness;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.workflow.Actor;
import io.countersign.engine.workflow.RefusedException;
import io.countersign.engine.workflow.Terms;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The database file changed with SQL by someone who cannot read the seal key, in ways the row-and-column
 * layout allows and the JSON records alone do not show: rows of one request holding another's records,
 * a decision row holding a copy of another decision, a request's status column that no listing asks for.
 */
class SqliteRowTamperingTest extends TamperingHarness {

    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }

    Instant during() {
        return clock.instant().plus(Duration.ofMinutes(30));
    }

    /** Copies every row of request {@code from} under the key {@code to}: the copy's records are {@code from}'s, word for word. */
    void copyRows(String from, String to) throws SQLException {
        sql("INSERT INTO requests (id, requester, profile, status, version, created, deadline, due, follow_up, data)"
                + " SELECT ?2, requester, profile, status, version, created || 'x', deadline, due, follow_up, data"
                + " FROM requests WHERE id = ?1", from, to);
        run("INSERT INTO decisions (request_id, sort_key, data) SELECT ?2, sort_key, data FROM decisions"
                + " WHERE request_id = ?1", from, to);
        sql("INSERT INTO events (request_id, seq, event_id, time, data, outbox) SELECT ?2, seq, event_id || 'x', time,"
                + " data, NULL FROM events WHERE request_id = ?1", from, to);
    }

    @Test
    void aRowHoldingAnotherRequestsRecordIsNotThatRequestAndNotActedOn() throws SQLException {
        StoredRequest y = adminRequest();
        String x = "copy-of-" + y.id();
        copyRows(y.id(), x);
        List<AuditTrail.Finding> found = audit(x);
        assertEquals(1, found.size(), found.toString());
        assertEquals(x, found.get(0).requestId());
        assertTrue(found.get(0).problem().contains("the record stored as request " + x + " is request " + y.id()
                + "'s"), found.toString());
        assertTrue(audit().verifyAll().stream().anyMatch(f -> f.requestId().equals(x)), "the whole store's audit");
        assertFalse(wf.verify(x, wf.show(x)).intact(), "show");
        RefusedException e = assertThrows(RefusedException.class, () -> wf.approve(x, "alice", Terms.because("x")),
                "alice's approval of " + x + " would land on " + y.id());
        assertTrue(e.getMessage().contains("does not verify, so nothing acts on it"), e.getMessage());
        assertEquals(1, wf.show(y.id()).events().size(), "nothing was written to " + y.id());
    }

    @Test
    void aCopyOfAGrantKeptUnderAnotherKeyEndsWithTheGrantsRevocation() throws SQLException {
        StoredRequest y = approvedAdmin();
        copyRows(y.id(), "copy-of-" + y.id());
        wf.revoke(y.id(), Actor.of("frank"), "the work is done");
        for (int i = 0; i < 2; i++) { // the second time from what the gateway remembers
            grantsFrankNothing(during());
        }
    }

    @Test
    void aDecisionRowHoldingACopyOfTheOtherDecisionIsFound() throws SQLException {
        StoredRequest r = approvedAdmin();
        assertEquals(List.of(), audit(r.id()));
        sql("UPDATE decisions SET data = (SELECT data FROM decisions WHERE request_id = ?1 ORDER BY sort_key LIMIT 1)"
                + " WHERE request_id = ?1 AND sort_key = (SELECT max(sort_key) FROM decisions WHERE request_id = ?1)",
                r.id());
        assertEquals(2, wf.show(r.id()).decisions().size());
        assertEquals(1, wf.show(r.id()).decisions().stream().map(d -> d.decisionId()).distinct().count(),
                "the copy is stored");
        assertFalse(audit(r.id()).isEmpty(), "bob's stored decision replaced by alice's went unseen");
    }

    @Test
    void aTamperedRequestWhoseStatusColumnNoListingAsksForIsStillAudited() throws SQLException {
        StoredRequest r = approvedAdmin();
        sql("UPDATE decisions SET data = replace(data, 'agreed', 'agreed by the CEO') WHERE request_id = ?1", r.id());
        assertFalse(audit(r.id()).isEmpty(), "found when asked by id");
        sql("UPDATE requests SET status = 'hidden' WHERE id = ?1", r.id());
        List<AuditTrail.Finding> all = audit().verifyAll();
        assertTrue(all.stream().anyMatch(f -> f.requestId().equals(r.id())), "audit verify of the whole store: " + all);
    }

    @Test
    void aRequestRowThatIsNotARecordIsNamedByTheAuditWhichGoesOnToTheRest() throws SQLException {
        StoredRequest bad = adminRequest();
        StoredRequest edited = approvedAdmin();
        sql("UPDATE requests SET data = '{\"id\":\"' || id || '\",\"nonsense\":1}' WHERE id = ?1", bad.id());
        sql("UPDATE decisions SET data = replace(data, 'agreed', 'agreed by the CEO') WHERE request_id = ?1", edited.id());
        List<AuditTrail.Finding> all = audit().verifyAll();
        assertTrue(all.stream().anyMatch(f -> f.requestId().equals(bad.id()) && f.problem().contains("cannot be read")),
                all.toString());
        assertTrue(all.stream().anyMatch(f -> f.requestId().equals(edited.id())), "the rest audited: " + all);
    }

    @Test
    void aDecisionMovedToAnotherRequestIsFoundOnBoth() throws SQLException {
        StoredRequest a = approvedAdmin();
        StoredRequest b = adminRequest();
        sql("UPDATE decisions SET request_id = ?2 WHERE request_id = ?1 AND sort_key = (SELECT max(sort_key) FROM"
                + " decisions WHERE request_id = ?1)", a.id(), b.id());
        assertFalse(audit(a.id()).isEmpty());
        assertFalse(audit(b.id()).isEmpty());
        AccessAnswer ans = wf.checkAccess("frank", "prod-admin", List.of(), during());
        assertEquals(AccessAnswer.Access.DENIED, ans.access(), ans.toString());
        notActedOn(b.id());
    }

    @Test
    void anEventReplayedFromAnotherRequestIsFound() throws SQLException {
        StoredRequest a = approvedAdmin();
        StoredRequest b = adminRequest();
        sql("INSERT INTO events (request_id, seq, event_id, time, data, outbox) SELECT ?2, 2, event_id || '-r', time, data,"
                + " NULL FROM events WHERE request_id = ?1 AND seq = 2", a.id(), b.id());
        assertFalse(audit(b.id()).isEmpty());
        notActedOn(b.id());
    }

    @Test
    void aPendingRowIndexedAsApprovedGrantsNothing() throws SQLException {
        StoredRequest r = adminRequest();
        wf.approve(r.id(), "alice", Terms.because("one of two"));
        sql("UPDATE requests SET status = 'approved', deadline = '9999' WHERE id = ?1", r.id());
        grantsFrankNothing(during());
    }

    @Test
    void anEndedGrantsDeadlineMovedGrantsNothing() throws SQLException {
        StoredRequest r = approvedAdmin();
        Instant later = r.accessEnd().plus(Duration.ofHours(1));
        sql("UPDATE requests SET deadline = '9999' WHERE id = ?1", r.id());
        grantsFrankNothing(later);
    }

    @Test
    void aDuplicateKeyInTheRequestItemIsReadAsTheSealSays() throws SQLException {
        StoredRequest r = adminRequest();
        wf.approve(r.id(), "alice", Terms.because("one of two"));
        sql("UPDATE requests SET status = 'approved', deadline = '9999', data = substr(data, 1, length(data) - 1)"
                + " || ',\"status\":\"approved\",\"accessStart\":\"" + clock.instant() + "\",\"accessEnd\":\""
                + clock.instant().plus(Duration.ofDays(30)) + "\"}' WHERE id = ?1", r.id());
        grantsFrankNothing(during());
        assertFalse(audit(r.id()).isEmpty());
    }

    @Test
    void aRequestWhoseStatusColumnWasChangedIsRefusedByName() throws SQLException {
        StoredRequest r = adminRequest();
        sql("UPDATE requests SET status = 'denied' WHERE id = ?1", r.id());
        RefusedException e = assertThrows(RefusedException.class, () -> wf.approve(r.id(), "alice", Terms.because("x")));
        assertTrue(e.getMessage().contains("index values for it (its status or version) differ from its record"),
                e.getMessage());
    }

    @Test
    void anOlderSealedRequestItemPutBackIsFound() throws SQLException {
        StoredRequest r = adminRequest();
        String before = run1("SELECT data FROM requests WHERE id = ?1", r.id());
        wf.approve(r.id(), "alice", Terms.because("one"));
        sql("UPDATE requests SET data = ?2 WHERE id = ?1", r.id(), before);
        assertFalse(audit(r.id()).isEmpty());
        notActedOn(r.id());
    }

    private String run1(String query, Object... args) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ((SqliteStore) store).file());
                PreparedStatement p = c.prepareStatement(query)) {
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            try (java.sql.ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void aSealedDecisionOfAnotherRequestFiledUnderASettledOneIsNoPrecedentOfIt() throws SQLException {
        StoredRequest untouched = approvedAdmin();
        StoredRequest approved = approvedAdmin();
        StoredRequest other = adminRequest();
        wf.approve(other.id(), "erin", Terms.because("the CEO said so"));
        // erin's sealed approval of the other request, filed as approved's newest decision.
        sql("INSERT INTO decisions (request_id, sort_key, data) SELECT ?1, '9999#' || sort_key, data FROM decisions"
                + " WHERE request_id = ?2", approved.id(), other.id());
        assertFalse(audit(approved.id()).isEmpty(), "the audit finds it");
        StoredRequest next = restarted().submit(ask("frank", "prod-admin").duration(TWO_HOURS).build());
        assertNotEquals(null, next.precedents(), "the untouched one is a precedent");
        assertTrue(next.precedents().stream().noneMatch(p -> p.requestId().equals(approved.id())),
                "another request's approval is recorded, sealed, as how " + approved.id() + " went: " + next.precedents());
        assertTrue(next.precedents().stream().anyMatch(p -> p.requestId().equals(untouched.id())), "the rest are found");
    }

    /** frank's access to prod-admin at {@code at} is not allowed. */
    void grantsFrankNothing(Instant at) {
        AccessAnswer a = wf.checkAccess("frank", "prod-admin", List.of(), at);
        assertNotEquals(AccessAnswer.Access.ALLOWED, a.access(), a.toString());
    }

    /** An approval of {@code id} is refused because its record does not verify. */
    void notActedOn(String id) {
        RefusedException e = assertThrows(RefusedException.class, () -> wf.approve(id, "bob", Terms.because("x")));
        assertTrue(e.getMessage().contains("does not verify, so nothing acts on it"), e.getMessage());
    }

    /** A statement that must change something. */
    private void sql(String statement, Object... args) throws SQLException {
        assertTrue(run(statement, args) > 0, "changed nothing: " + statement);
    }

    /** Behind the store's back: a connection of its own to the file; the rows changed. */
    private int run(String statement, Object... args) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ((SqliteStore) store).file());
                PreparedStatement p = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            return p.executeUpdate();
        }
    }
}
