package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.access.AccessAnswer;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.event.EventType;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.store.History;
import io.countersign.engine.store.Listing;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.workflow.Terms;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seed's story end to end: request, list, check, approve by two leads, the gateway allows access,
 * the access window ends, the gateway denies.
 */
public abstract class SeedScenarioContract extends WorkflowContract {

    @Test
    void requestApproveUseAndLoseAccess() {
        StoredRequest r = wf.submit(new AccessRequest(null, "frank", null, null, "prod-admin", List.of(),
                Duration.ofHours(2), null, "Rotate the database credentials", "CHG-1", Map.of(), null));
        assertEquals(RequestStatus.PENDING, r.status());
        assertEquals(2, r.stages().get(0).need());

        // list: mine, and in the leads' inboxes
        assertEquals(List.of(r.id()), ids(wf.list(new Listing.ByRequester("frank"), 10).items()));
        assertEquals(List.of(r.id()), ids(wf.list(new Listing.Inbox(wf.principalsOf("alice")), 10).items()));
        assertEquals(List.of(r.id()), ids(wf.list(new Listing.ByStatus(RequestStatus.PENDING), 10).items()));

        // check: the gateway says pending
        AccessAnswer before = wf.checkAccess("frank", "prod-admin", List.of(), clock.instant());
        assertEquals(AccessAnswer.Access.PENDING, before.access());
        assertEquals(r.id(), before.requestId());

        clock.advance(Duration.ofMinutes(10));
        StoredRequest one = wf.approve(r.id(), "alice", Terms.because("on the change calendar"));
        assertEquals(RequestStatus.PENDING, one.status());
        clock.advance(Duration.ofMinutes(5));
        StoredRequest two = wf.approve(r.id(), "bob", Terms.because("agreed"));
        assertEquals(RequestStatus.APPROVED, two.status());
        // the window starts at approval, not at submission
        assertEquals(clock.instant(), two.accessStart());
        assertEquals(clock.instant().plus(Duration.ofHours(2)), two.accessEnd());
        assertTrue(wf.list(new Listing.Inbox(wf.principalsOf("alice")), 10).items().isEmpty());

        AccessAnswer allowed = wf.checkAccess("frank", "prod-admin", List.of(), clock.instant());
        assertTrue(allowed.allowed(), allowed.toString());
        assertEquals(r.id(), allowed.requestId());
        assertEquals(two.accessEnd(), allowed.until());
        assertNotNull(allowed.conditions().get("restricted_operations"));

        clock.advance(Duration.ofHours(2));
        AccessAnswer after = wf.checkAccess("frank", "prod-admin", List.of(), clock.instant());
        assertFalse(after.allowed(), after.toString());
        assertEquals(List.of(r.id()), wf.sweep().ended());
        assertEquals(RequestStatus.EXPIRED, wf.get(r.id()).status());

        History h = wf.show(r.id());
        assertEquals(2, h.decisions().size());
        assertEquals(List.of(EventType.REQUEST_CREATED, EventType.DECISION_RECORDED, EventType.DECISION_RECORDED,
                EventType.STAGE_COMPLETED, EventType.REQUEST_APPROVED, EventType.REQUEST_EXPIRED),
                h.events().stream().map(e -> e.type()).toList());
        assertEquals(null, EventChain.verify(h.events()));
    }
}
