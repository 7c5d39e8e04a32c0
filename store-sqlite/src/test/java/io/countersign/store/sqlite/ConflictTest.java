package io.countersign.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.event.Event;
import io.countersign.engine.json.Json;
import io.countersign.engine.store.Change;
import io.countersign.engine.store.ConflictException;
import io.countersign.engine.store.History;
import io.countersign.engine.store.Listing;
import io.countersign.engine.store.StoreException;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Workflow;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Writes are conditional and whole: creation on a new id, a transition on the version and status read;
 * a write that loses or fails leaves nothing of itself behind.
 */
class ConflictTest {

    private final SqliteStore store = SqliteStores.fresh();
    private final Workflow wf = Scenario.workflow(store);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void creatingAnIdThatExistsIsAConflictAndWritesNothing() {
        StoredRequest r = wf.submit(Scenario.ask("frank"));
        History before = store.history(r.id()).orElseThrow();
        Event again = new Event("another-event", before.events().get(0).type(), r.createdAt(), "frank", r.id(), 2,
                before.events().get(0).data(), before.events().get(0).hash(), "h");
        ConflictException e = assertThrows(ConflictException.class,
                () -> store.create(new Change(r, before.decisions(), List.of(again))));
        assertEquals("request " + r.id() + " exists already", e.getMessage());
        assertEquals(before, store.history(r.id()).orElseThrow());
    }

    @Test
    void aTransitionFromAnOlderVersionIsAConflictAndWritesNothing() {
        StoredRequest stale = wf.submit(Scenario.ask("frank"));
        wf.approve(stale.id(), "lead-1", Terms.because("on the calendar"));
        History before = store.history(stale.id()).orElseThrow();
        ConflictException e = assertThrows(ConflictException.class,
                () -> store.transition(stale, new Change(stale, List.of(), List.of())));
        assertEquals("request " + stale.id() + " changed since version " + stale.version(), e.getMessage());
        assertEquals(before, store.history(stale.id()).orElseThrow());
    }

    @Test
    void aTransitionFromAnotherStatusAtTheSameVersionIsAConflict() throws Exception {
        StoredRequest r = wf.submit(Scenario.ask("frank"));
        ObjectNode json = (ObjectNode) Json.mapper().valueToTree(r);
        json.put("status", "approved");
        StoredRequest sameVersionOtherStatus = Json.mapper().treeToValue(json, StoredRequest.class);
        assertEquals(r.version(), sameVersionOtherStatus.version());
        assertThrows(ConflictException.class, () -> store.transition(sameVersionOtherStatus,
                new Change(sameVersionOtherStatus, List.of(), List.of())));
        assertEquals(r, store.get(r.id()).orElseThrow());
    }

    @Test
    void aTransitionOfAnUnknownRequestIsAConflict() {
        StoredRequest r = wf.submit(Scenario.ask("frank"));
        try (SqliteStore other = SqliteStores.fresh()) {
            assertThrows(ConflictException.class, () -> other.transition(r, new Change(r, List.of(), List.of())));
            assertTrue(other.get(r.id()).isEmpty());
        }
    }

    @Test
    void aChangeThatFailsHalfWayLeavesTheRequestAsItWas() {
        StoredRequest r = wf.submit(Scenario.ask("frank"));
        History before = store.history(r.id()).orElseThrow();
        // A new version whose event reuses a sequence already stored: the request's update succeeds
        // first, then the event's insert fails; the transaction must take the update back with it.
        ObjectNode json = (ObjectNode) Json.mapper().valueToTree(r);
        json.put("version", r.version() + 1);
        json.put("status", "cancelled");
        StoredRequest next;
        try {
            next = Json.mapper().treeToValue(json, StoredRequest.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Event duplicate = before.events().get(0);
        StoreException e = assertThrows(StoreException.class,
                () -> store.transition(r, new Change(next, List.of(), List.of(duplicate))));
        assertTrue(e.getMessage().startsWith("the database " + store.file() + " failed: "), e.getMessage());
        assertEquals(before, store.history(r.id()).orElseThrow());
        assertEquals(List.of(r.id()), store.list(new Listing.Inbox(List.of("group:leads")), null, 10).items()
                .stream().map(StoredRequest::id).toList(), "the inbox row stays with the request");
        assertEquals(List.of(), store.list(new Listing.ByStatus(next.status()), null, 10).items());
    }

    @Test
    void aTransitionMustKeepTheId() {
        StoredRequest a = wf.submit(Scenario.ask("frank"));
        StoredRequest b = wf.submit(Scenario.ask("erin"));
        assertThrows(IllegalArgumentException.class, () -> store.transition(a, new Change(b, List.of(), List.of())));
    }
}
