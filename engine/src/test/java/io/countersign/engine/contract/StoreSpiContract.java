package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.event.EventType;
import io.countersign.engine.json.Json;
import io.countersign.engine.store.Change;
import io.countersign.engine.store.ConflictException;
import io.countersign.engine.store.History;
import io.countersign.engine.store.Listing;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.workflow.Terms;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The SPI's own promises, called directly where the workflow's retries would hide a store that broke
 * them: a write is conditional and whole, unknown ids read as nothing, and the access check's query
 * finds exactly the requests whose deadline is still ahead.
 */
public abstract class StoreSpiContract extends WorkflowContract {

    /** {@code r} as JSON, changed by {@code edit}, read back. */
    static StoredRequest edited(StoredRequest r, Consumer<ObjectNode> edit) {
        ObjectNode json = Json.mapper().valueToTree(r);
        edit.accept(json);
        return Json.mapper().convertValue(json, StoredRequest.class);
    }

    /** A change that records one more decision of {@code d}'s kind and one more event after {@code h}. */
    static Change oneMore(History h, StoredRequest next, String decisionId) {
        ObjectNode d = Json.mapper().valueToTree(h.decisions().get(h.decisions().size() - 1));
        d.put("decisionId", decisionId);
        ApprovalDecision decision = Json.mapper().convertValue(d, ApprovalDecision.class);
        Event last = h.events().get(h.events().size() - 1);
        Event e = EventChain.seal(new Event("event-" + decisionId, EventType.DECISION_RECORDED, last.time(), "erin",
                last.requestId(), last.sequence() + 1, Json.mapper().createObjectNode()
                        .set("decision", Json.mapper().valueToTree(decision)), last.hash(), null));
        return new Change(next, List.of(decision), List.of(e));
    }

    void assertUnchanged(History before, String id) {
        History after = store.history(id).orElseThrow();
        assertEquals(Json.mapper().valueToTree(before), Json.mapper().valueToTree(after), "nothing of a lost write is kept");
    }

    @Test
    void creatingUnderAnIdInUseIsAConflictAndWritesNothing() {
        StoredRequest r = adminRequest();
        History before = store.history(r.id()).orElseThrow();
        StoredRequest other = edited(r, j -> j.put("justification", "Someone else's request").put("requester", "bob"));
        assertThrows(ConflictException.class, () -> store.create(new Change(other, before.decisions(),
                before.events())));
        assertUnchanged(before, r.id());
        assertEquals(List.of(r.id()), ids(store.list(new Listing.ByProfile("prod-admin"), null, 10).items()));
        assertTrue(store.list(new Listing.ByRequester("bob"), null, 10).items().isEmpty());
    }

    @Test
    void aTransitionFromAVersionNoLongerStoredIsAConflictAndWritesNoneOfIt() {
        StoredRequest first = adminRequest();
        wf.approve(first.id(), "alice", Terms.because("ok"));
        History before = store.history(first.id()).orElseThrow();
        StoredRequest stale = edited(first, j -> j.put("version", 2).put("status", "approved"));
        ConflictException e = assertThrows(ConflictException.class,
                () -> store.transition(first, oneMore(before, stale, "lost-decision")));
        assertTrue(e.getMessage().contains(first.id()), e.getMessage());
        assertUnchanged(before, first.id());
        assertTrue(store.list(new Listing.ByStatus(RequestStatus.APPROVED), null, 10).items().isEmpty());

        // The stored version, but another status than the one stored: no more the request that was read.
        StoredRequest current = before.request();
        StoredRequest wrongStatus = edited(current, j -> j.put("status", "approved"));
        StoredRequest next = edited(current, j -> j.put("version", current.version() + 1));
        assertThrows(ConflictException.class, () -> store.transition(wrongStatus, oneMore(before, next, "lost-2")));
        assertUnchanged(before, first.id());

        // From the stored version and status the same change is written, whole.
        store.transition(current, oneMore(before, next, "kept"));
        History after = store.history(first.id()).orElseThrow();
        assertEquals(next, after.request());
        assertEquals("kept", after.decisions().get(after.decisions().size() - 1).decisionId());
        assertEquals(before.events().size() + 1, after.events().size());
        assertThrows(ConflictException.class, () -> store.transition(current, oneMore(before, next, "again")),
                "and only once");
    }

    @Test
    void anUnknownIdReadsAsNothing() {
        adminRequest();
        assertTrue(store.get("no-such-request").isEmpty());
        assertTrue(store.history("no-such-request").isEmpty());
        assertTrue(store.archive("no-such-request").isEmpty());
        assertTrue(store.open("nobody", "prod-admin", clock.instant()).isEmpty());
    }

    @Test
    void theAccessChecksQueryFindsTheRequestersOpenRequestsOfTheProfileWhoseDeadlineIsAhead() {
        StoredRequest approved = approvedAdmin();                 // until now + 2h
        clock.advance(Duration.ofMinutes(1));
        StoredRequest pending = adminRequest();                   // expires undecided in 24h
        wf.submit(ask("carol", "prod-admin").build());             // denied: never open
        wf.cancel(adminRequest().id(), "frank");                   // cancelled: never open
        wf.submit(ask("frank", "prod-sandbox").build());           // another profile
        wf.submit(ask("bob", "prod-admin").build());               // another requester
        Instant now = clock.instant();

        assertEquals(List.of(approved.id(), pending.id()),
                sorted(store.open("frank", "prod-admin", now)), "both, before either deadline");
        assertEquals(List.of(pending.id()), sorted(store.open("frank", "prod-admin", approved.accessEnd())),
                "a deadline equal to the instant has passed");
        assertEquals(List.of(approved.id(), pending.id()),
                sorted(store.open("frank", "prod-admin", approved.accessEnd().minusNanos(1))));
        assertEquals(List.of(), store.open("frank", "prod-admin", pending.expiresAt()));
        assertEquals(List.of(), store.open("carol", "prod-admin", now));
        assertEquals(List.of(), store.open("frank", "prod-readonly", now));
        // A requester and profile that run together never meet another pair's requests.
        assertEquals(List.of(), store.open("fran", "kprod-admin", now));
    }

    static List<String> sorted(List<StoredRequest> rs) {
        return rs.stream().sorted(java.util.Comparator.comparing(StoredRequest::createdAt)).map(StoredRequest::id)
                .toList();
    }
}
