package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventType;
import io.countersign.engine.store.Listing;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.workflow.SweepReport;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sweep: expiry is an explicit transition with its own event, never a silent deletion. */
public abstract class SweepContract extends WorkflowContract {

    @Test
    void pendingRequestsPastExpireAfterExpire() {
        StoredRequest admin = adminRequest();                                       // expire after 24h
        StoredRequest ledger = wf.submit(ask("frank", "fin-ledger").build()); // expire after 8h

        clock.advance(Duration.ofHours(8).minusSeconds(1));
        assertTrue(wf.sweep().expired().isEmpty());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(ledger.id()), wf.sweep().expired());
        assertEquals(RequestStatus.EXPIRED, wf.get(ledger.id()).status());
        assertEquals(RequestStatus.PENDING, wf.get(admin.id()).status());

        clock.advance(Duration.ofHours(16));
        SweepReport second = wf.sweep();
        assertEquals(List.of(admin.id()), second.expired());
        StoredRequest expired = wf.get(admin.id());
        assertEquals(RequestStatus.EXPIRED, expired.status());
        assertTrue(expired.rationale().startsWith("Expired undecided"), expired.rationale());
        assertTrue(inboxOf("alice").isEmpty(), "an expired request waits for nobody");
        assertTrue(wf.list(new Listing.ByStatus(RequestStatus.PENDING), 10).items().isEmpty());
        assertEquals(2, wf.list(new Listing.ByStatus(RequestStatus.EXPIRED), 10).items().size());
        Event last = history(admin.id()).events().get(history(admin.id()).events().size() - 1);
        assertEquals(EventType.REQUEST_EXPIRED, last.type());
        assertEquals(Workflow.SWEEP, last.actor());
        assertChainIntact(admin.id());
        assertChainIntact(ledger.id());
    }

    @Test
    void grantsPastTheirWindowEnd() {
        StoredRequest admin = approvedAdmin();                                  // two hours from now
        StoredRequest readonly = wf.submit(ask("alice", "prod-readonly").build()); // one hour, at once

        clock.advance(Duration.ofHours(1));
        assertEquals(List.of(readonly.id()), wf.sweep().ended());
        assertEquals(RequestStatus.APPROVED, wf.get(admin.id()).status());
        clock.advance(Duration.ofHours(1));
        assertEquals(List.of(admin.id()), wf.sweep().ended());

        StoredRequest ended = wf.get(admin.id());
        assertEquals(RequestStatus.EXPIRED, ended.status());
        assertTrue(ended.rationale().startsWith("Access ended"), ended.rationale());
        assertFalse(wf.checkAccess("frank", "prod-admin", List.of(), clock.instant()).allowed());
        assertEquals(EventType.REQUEST_EXPIRED, eventTypes(admin.id()).get(eventTypes(admin.id()).size() - 1));
        assertChainIntact(admin.id());
    }

    @Test
    void aReviewThatComesDueIsAnnouncedOnce() {
        StoredRequest r = wf.submit(ask("frank", "fin-reports").duration(Duration.ofHours(8)).build());
        clock.advance(Duration.ofMinutes(30));
        StoredRequest a = wf.approve(r.id(), "alice", Terms.NONE);
        assertEquals(clock.instant().plus(TWO_HOURS), a.reviewDate(), "review after 2h, from the approval");
        assertFalse(a.reviewDue());

        clock.advance(TWO_HOURS.minusSeconds(1));
        assertTrue(wf.sweep().reviewsDue().isEmpty());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(r.id()), wf.sweep().reviewsDue());
        StoredRequest due = wf.get(r.id());
        assertTrue(due.reviewDue());
        assertEquals(RequestStatus.APPROVED, due.status(), "a review does not end the grant");

        clock.advance(Duration.ofHours(1));
        SweepReport later = wf.sweep();
        assertTrue(later.reviewsDue().isEmpty(), "announced once");
        assertEquals(due, wf.get(r.id()));
        assertEquals(1, eventTypes(r.id()).stream().filter(t -> t == EventType.REVIEW_DUE).count());

        clock.advance(Duration.ofHours(5));
        assertEquals(List.of(r.id()), wf.sweep().ended());
        assertChainIntact(r.id());
    }

    @Test
    void aSecondSweepAtTheSameInstantChangesNothing() {
        StoredRequest expiring = adminRequest();
        StoredRequest ending = approvedAdmin();
        StoredRequest expiringToo = adminRequest();
        clock.advance(Duration.ofHours(3));
        StoredRequest stillPending = adminRequest();
        StoredRequest reviewing = wf.submit(ask("frank", "fin-reports").duration(Duration.ofDays(1)).build());
        wf.approve(reviewing.id(), "bob", Terms.NONE);
        clock.advance(Duration.ofHours(21));

        SweepReport first = wf.sweep();
        assertEquals(List.of(expiring.id(), expiringToo.id()).stream().sorted().toList(),
                first.expired().stream().sorted().toList());
        assertEquals(List.of(ending.id()), first.ended());
        assertEquals(List.of(stillPending.id()), first.escalated());
        assertEquals(List.of(reviewing.id()), first.reviewsDue());

        List<StoredRequest> before = List.of(wf.get(expiring.id()), wf.get(ending.id()), wf.get(expiringToo.id()),
                wf.get(stillPending.id()), wf.get(reviewing.id()));
        SweepReport second = wf.sweep();
        assertEquals(new SweepReport(List.of(), List.of(), List.of(), List.of()), second);
        assertEquals(before, List.of(wf.get(expiring.id()), wf.get(ending.id()), wf.get(expiringToo.id()),
                wf.get(stillPending.id()), wf.get(reviewing.id())));
    }
}
