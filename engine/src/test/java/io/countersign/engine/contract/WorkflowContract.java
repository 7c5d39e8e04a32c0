package io.countersign.engine.contract;

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
import io.countersign.engine.store.Store;
import io.countersign.engine.workflow.RefusedException;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;

/**
 * The base of every contract class: a workflow on a fresh store of its own (from the module's {@link
 * StoreFixture}) and a clock standing at Monday 10:00 in Berlin, for each test. The policies and
 * directory are {@link TestPolicies}.
 */
public abstract class WorkflowContract {

    protected static final Duration TWO_HOURS = Duration.ofHours(2);

    protected TestClock clock;
    protected Store store;
    /** The records of {@link #store}, past its API: for tests that tamper. */
    protected RawRecords raw;
    protected Workflow wf;

    /** The fixture of the store under test: the one thing a store module's subclass supplies. */
    protected abstract StoreFixture fixture();

    @BeforeEach
    void openWorkflow() {
        clock = TestClock.monday();
        store = fixture().open();
        raw = fixture().raw(store);
        wf = TestPolicies.workflow(store, clock);
    }

    @AfterEach
    void dropStore() {
        fixture().drop(store);
    }

    /** A request from {@code requester} for {@code profile}: one hour, with a ticket and a reason. */
    protected static Ask ask(String requester, String profile) {
        return Ask.ask(requester, profile);
    }

    /** frank asks for two hours of production admin: pending before two SRE leads. */
    protected StoredRequest adminRequest() {
        return wf.submit(ask("frank", "prod-admin").duration(TWO_HOURS).build());
    }

    /** An approved two-hour admin grant of frank's, approved by alice and bob. */
    protected StoredRequest approvedAdmin() {
        StoredRequest r = adminRequest();
        wf.approve(r.id(), "alice", Terms.because("on the change calendar"));
        return wf.approve(r.id(), "bob", Terms.because("agreed"));
    }

    protected History history(String id) {
        return wf.show(id);
    }

    protected List<EventType> eventTypes(String id) {
        return history(id).events().stream().map(Event::type).toList();
    }

    protected List<ApprovalDecision> decisions(String id) {
        return history(id).decisions();
    }

    protected List<String> inboxOf(String user) {
        return ids(wf.list(new Listing.Inbox(wf.principalsOf(user)), 100).items());
    }

    protected static List<String> ids(List<StoredRequest> requests) {
        List<String> out = new ArrayList<>();
        requests.forEach(r -> out.add(r.id()));
        return out;
    }

    /**
     * Asserts that {@code action} is refused with a message containing {@code words} and that the
     * refusal wrote nothing: the request, its decisions and its events are as they were.
     */
    protected RefusedException assertRefused(String id, String words, Executable action) {
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
    protected void assertChainIntact(String id) {
        History h = history(id);
        EventChain.Broken broken = EventChain.verify(h.events());
        assertNull(broken, () -> "event chain of " + id + " broken: " + broken);
        assertEquals(h.events().size(), h.request().eventSequence());
        if (!h.events().isEmpty()) {
            assertEquals(h.events().get(h.events().size() - 1).hash(), h.request().eventHash());
        }
    }
}
