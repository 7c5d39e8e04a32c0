package io.countersign.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.event.EventType;
import io.countersign.engine.store.History;
import io.countersign.engine.store.Listing;
import io.countersign.engine.workflow.RefusedException;
import io.countersign.engine.workflow.StoredRequest;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;

/**
 * A workflow on a table of its own and a clock standing at Monday 10:00 in Berlin, for each test.
 * The policies and directory are {@code src/test/resources/policies}: frank is an ordinary engineer
 * whose manager is dave; alice, bob and erin lead SRE (alice is also on call); grace is security
 * on-call; dave heads a department; carol is a contractor.
 */
abstract class WorkflowTestBase {

    static final Duration TWO_HOURS = Duration.ofHours(2);

    Fixture.TestClock clock;
    DynamoStore store;
    Workflow wf;
    private String table;

    @BeforeEach
    void openWorkflow() {
        clock = Fixture.TestClock.monday();
        table = Fixture.newTable();
        store = new DynamoStore(Fixture.db().client(), table, null);
        wf = Fixture.workflow(store, clock);
    }

    @AfterEach
    void dropTable() {
        store.close();
        Fixture.dropTable(table);
    }

    String tableName() {
        return table;
    }

    /** frank asks for two hours of production admin: pending before two SRE leads. */
    StoredRequest adminRequest() {
        return wf.submit(Fixture.ask("frank", "prod-admin").duration(TWO_HOURS).build());
    }

    /** An approved two-hour admin grant of frank's, approved by alice and bob. */
    StoredRequest approvedAdmin() {
        StoredRequest r = adminRequest();
        wf.approve(r.id(), "alice", Terms.because("on the change calendar"));
        return wf.approve(r.id(), "bob", Terms.because("agreed"));
    }

    History history(String id) {
        return wf.show(id);
    }

    List<EventType> eventTypes(String id) {
        return history(id).events().stream().map(Event::type).toList();
    }

    List<ApprovalDecision> decisions(String id) {
        return history(id).decisions();
    }

    List<String> inboxOf(String user) {
        return ids(wf.list(new Listing.Inbox(wf.principalsOf(user)), null, 100).items());
    }

    static List<String> ids(List<StoredRequest> requests) {
        List<String> out = new ArrayList<>();
        requests.forEach(r -> out.add(r.id()));
        return out;
    }

    /**
     * Asserts that {@code action} is refused with a message containing {@code words} and that the
     * refusal wrote nothing: the request, its decisions and its events are as they were.
     */
    RefusedException assertRefused(String id, String words, Executable action) {
        History before = history(id);
        RefusedException e = assertThrows(RefusedException.class, action);
        assertTrue(e.getMessage().contains(words), "expected '" + words + "' in: " + e.getMessage());
        History after = history(id);
        assertEquals(before.request(), after.request(), "a refusal must not change the request");
        assertEquals(before.decisions().size(), after.decisions().size(), "a refusal must not record a decision");
        assertEquals(before.events().size(), after.events().size(), "a refusal must not emit an event");
        return e;
    }

    /** The request's events chain: sequences 1..n, each linked to the one before, each hash intact. */
    void assertChainIntact(String id) {
        History h = history(id);
        EventChain.Broken broken = EventChain.verify(h.events());
        assertNull(broken, () -> "event chain of " + id + " broken: " + broken);
        assertEquals(h.events().size(), h.request().eventSequence());
        if (!h.events().isEmpty()) {
            assertEquals(h.events().get(h.events().size() - 1).hash(), h.request().eventHash());
        }
    }
}
