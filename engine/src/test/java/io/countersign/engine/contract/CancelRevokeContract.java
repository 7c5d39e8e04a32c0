package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.access.AccessAnswer;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.decision.DecisionKind;
import io.countersign.engine.event.EventType;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.workflow.Actor;
import io.countersign.engine.workflow.Terms;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The requester withdraws a pending request; an active grant is taken back. */
public abstract class CancelRevokeContract extends WorkflowContract {

    @Test
    void theRequesterCancelsAPendingRequest() {
        StoredRequest r = adminRequest();
        wf.approve(r.id(), "alice", Terms.NONE);
        assertRefused(r.id(), "only the requester (frank) may cancel", () -> wf.cancel(r.id(), "alice"));

        clock.advance(Duration.ofMinutes(1));
        StoredRequest c = wf.cancel(r.id(), "frank");
        assertEquals(RequestStatus.CANCELLED, c.status());
        assertNull(c.expiresAt());
        assertEquals(clock.instant(), c.updatedAt());
        assertEquals(List.of(EventType.REQUEST_CREATED, EventType.DECISION_RECORDED, EventType.REQUEST_CANCELLED),
                eventTypes(r.id()));
        assertTrue(inboxOf("bob").isEmpty());
        assertEquals(AccessAnswer.Access.DENIED, wf.checkAccess("frank", "prod-admin", List.of(), clock.instant())
                .access());
        assertRefused(r.id(), "only a pending request can be cancelled", () -> wf.cancel(r.id(), "frank"));
        assertChainIntact(r.id());
    }

    @Test
    void onlyAPendingRequestCanBeCancelled() {
        StoredRequest approved = approvedAdmin();
        assertRefused(approved.id(), "is approved, not pending", () -> wf.cancel(approved.id(), "frank"));
        StoredRequest denied = wf.submit(ask("carol", "prod-admin").build());
        assertRefused(denied.id(), "is denied, not pending", () -> wf.cancel(denied.id(), "carol"));
    }

    @Test
    void theRequesterGivesUpAnActiveGrantAndTheGatewayDeniesAfterwards() {
        StoredRequest r = approvedAdmin();
        assertTrue(wf.checkAccess("frank", "prod-admin", List.of(), clock.instant()).allowed());

        clock.advance(Duration.ofMinutes(20));
        Instant revokedAt = clock.instant();
        StoredRequest v = wf.revoke(r.id(), Actor.of("frank"), "the work is done");
        assertEquals(RequestStatus.REVOKED, v.status());
        assertEquals(revokedAt, v.accessEnd(), "the window ends now");
        ApprovalDecision d = decisions(r.id()).get(2);
        assertEquals(DecisionKind.REVOKED, d.decision());
        assertEquals("requester", d.authoritySource());
        assertEquals("the work is done", d.revocationReason());
        assertEquals(Boolean.FALSE, d.isActive());
        assertEquals(revokedAt, d.expiryDate());
        assertEquals(EventType.REQUEST_REVOKED, history(r.id()).events().get(history(r.id()).events().size() - 1)
                .type());

        AccessAnswer after = wf.checkAccess("frank", "prod-admin", List.of(), clock.instant());
        assertFalse(after.allowed(), after.toString());
        assertRefused(r.id(), "only an approved grant can be revoked", () -> wf.revoke(r.id(), Actor.of("bob"), "again"));
        assertChainIntact(r.id());
    }

    @Test
    void anApproverMayRevokeAStrangerMayNot() {
        StoredRequest r = approvedAdmin();
        assertRefused(r.id(), "dave may not revoke", () -> wf.revoke(r.id(), Actor.of("dave"), "I do not like it"));
        assertRefused(r.id(), "carol may not revoke", () -> wf.revoke(r.id(), Actor.of("carol"), "me neither"));
        StoredRequest v = wf.revoke(r.id(), Actor.of("bob"), "suspicious activity");
        assertEquals(RequestStatus.REVOKED, v.status());
        assertEquals("approver", decisions(r.id()).get(2).authoritySource());
        assertFalse(wf.checkAccess("frank", "prod-admin", List.of(), clock.instant()).allowed());

        // Those who could have approved it may take it back too: erin leads SRE, grace is its escalation.
        StoredRequest s = approvedAdmin();
        wf.revoke(s.id(), Actor.of("erin"), "rotation");
        assertEquals("group:sre-leads", decisions(s.id()).get(2).authoritySource());
    }

    @Test
    void onlyAnActiveGrantCanBeRevoked() {
        StoredRequest pending = adminRequest();
        assertRefused(pending.id(), "is pending", () -> wf.revoke(pending.id(), Actor.of("alice"), "no"));
        StoredRequest denied = wf.submit(ask("carol", "prod-admin").build());
        assertRefused(denied.id(), "is denied", () -> wf.revoke(denied.id(), Actor.of("carol"), "no"));

        // A grant whose window has closed, even before any sweep, has nothing left to revoke.
        StoredRequest over = approvedAdmin();
        clock.advance(TWO_HOURS);
        assertRefused(over.id(), "nothing to revoke", () -> wf.revoke(over.id(), Actor.of("frank"), "late"));
    }

    @Test
    void aGrantRevokedBeforeItStartsNeverOpens() {
        Instant tomorrow = clock.instant().plus(Duration.ofDays(1));
        StoredRequest r = wf.submit(ask("frank", "prod-admin").duration(TWO_HOURS).startAt(tomorrow).build());
        wf.approve(r.id(), "alice", Terms.NONE);
        wf.approve(r.id(), "bob", Terms.NONE);
        StoredRequest v = wf.revoke(r.id(), Actor.of("alice"), "plans changed");
        assertEquals(tomorrow, v.accessEnd(), "the window is empty: it ends where it would have started");
        assertFalse(wf.checkAccess("frank", "prod-admin", List.of(), tomorrow.plusSeconds(1)).allowed());
    }
}
