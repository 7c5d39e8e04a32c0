package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.access.AccessAnswer;
import io.countersign.engine.access.AccessQuestion;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.workflow.Actor;
import io.countersign.engine.workflow.Terms;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway's question: may this person use this profile now? */
public abstract class CheckAccessContract extends WorkflowContract {

    @Test
    void anActiveGrantAllowsUntilItsEndWithItsConditions() {
        StoredRequest r = approvedAdmin();
        AccessAnswer a = wf.checkAccess("frank", "prod-admin", List.of(), clock.instant().plusSeconds(60));
        assertEquals(AccessAnswer.Access.ALLOWED, a.access());
        assertEquals(r.id(), a.requestId());
        assertEquals(r.accessEnd(), a.until());
        assertEquals(List.of("delete", "modify_schema"), a.conditions().get("restricted_operations"));

        AccessAnswer last = wf.checkAccess("frank", "prod-admin", List.of(), r.accessEnd().minusNanos(1));
        assertTrue(last.allowed(), "the last instant of the window");
        AccessAnswer over = wf.checkAccess("frank", "prod-admin", List.of(), r.accessEnd());
        assertEquals(AccessAnswer.Access.DENIED, over.access(), "the end is exclusive, and no sweep is needed");
        assertEquals(AccessAnswer.Access.DENIED,
                wf.checkAccess("bob", "prod-admin", List.of(), clock.instant()).access(), "frank's grant, not bob's");
    }

    @Test
    void aGrantThatDoesNotCoverThePermissionAskedDoesNotAllowIt() {
        StoredRequest r = wf.submit(ask("frank", "prod-data").permissions("read").build());
        wf.approve(r.id(), "dave", Terms.NONE);
        AccessAnswer read = wf.checkAccess("frank", "prod-data", List.of("read"), clock.instant());
        assertTrue(read.allowed());
        assertEquals(List.of("read"), read.permissions());

        AccessAnswer export = wf.checkAccess("frank", "prod-data", List.of("read", "export"), clock.instant());
        assertEquals(AccessAnswer.Access.DENIED, export.access(), export.toString());
        assertNotEquals(r.id(), export.requestId());
    }

    @Test
    void policysInstantApprovalAllowsWithoutAStoredRequest() {
        Instant at = clock.instant();
        AccessAnswer a = wf.checkAccess("alice", "prod-readonly", List.of(), at);
        assertEquals(AccessAnswer.Access.ALLOWED, a.access());
        assertNull(a.requestId());
        assertEquals(at.plus(Duration.ofHours(1)), a.until());
        assertEquals(List.of("Session is recorded"), a.stipulations());
        assertTrue(a.reason().contains("production/oncall-readonly"), a.reason());

        // bob is not on call: the same profile needs an approved request for him.
        assertEquals(AccessAnswer.Access.DENIED, wf.checkAccess("bob", "prod-readonly", List.of(), at).access());
    }

    @Test
    void aPendingRequestAnswersPendingAndADeniedOneDenied() {
        StoredRequest pending = adminRequest();
        AccessAnswer p = wf.checkAccess("frank", "prod-admin", List.of(), clock.instant());
        assertEquals(AccessAnswer.Access.PENDING, p.access());
        assertEquals(pending.id(), p.requestId());

        wf.deny(pending.id(), Actor.of("alice"), "no");
        AccessAnswer d = wf.checkAccess("frank", "prod-admin", List.of(), clock.instant());
        assertEquals(AccessAnswer.Access.DENIED, d.access());
        assertNull(d.requestId());

        wf.submit(ask("carol", "prod-admin").build());
        AccessAnswer c = wf.checkAccess("carol", "prod-admin", List.of(), clock.instant());
        assertEquals(AccessAnswer.Access.DENIED, c.access());
        assertTrue(c.reason().contains("Contractors may not hold production admin"), c.reason());

        // An unswept request is pending up to its expiry, which is exclusive as it is for approvers.
        StoredRequest again = adminRequest();
        AccessAnswer last = wf.checkAccess("frank", "prod-admin", List.of(), again.expiresAt().minusNanos(1));
        assertEquals(AccessAnswer.Access.PENDING, last.access());
        AccessAnswer expired = wf.checkAccess("frank", "prod-admin", List.of(), again.expiresAt());
        assertEquals(AccessAnswer.Access.DENIED, expired.access(), expired.toString());
    }

    @Test
    void aGrantThatStartsLaterDoesNotAllowYet() {
        Instant tomorrow = clock.instant().plus(Duration.ofDays(1));
        StoredRequest r = wf.submit(ask("frank", "prod-admin").duration(TWO_HOURS).startAt(tomorrow).build());
        wf.approve(r.id(), "alice", Terms.NONE);
        wf.approve(r.id(), "bob", Terms.NONE);

        AccessAnswer now = wf.checkAccess("frank", "prod-admin", List.of(), clock.instant());
        assertEquals(AccessAnswer.Access.DENIED, now.access(), now.toString());
        AccessAnswer justBefore = wf.checkAccess("frank", "prod-admin", List.of(), tomorrow.minusNanos(1));
        assertEquals(AccessAnswer.Access.DENIED, justBefore.access());
        AccessAnswer atStart = wf.checkAccess("frank", "prod-admin", List.of(), tomorrow);
        assertTrue(atStart.allowed());
        assertEquals(tomorrow.plus(TWO_HOURS), atStart.until());
        // Without an instant, the gateway asks about now: the clock.
        assertEquals(AccessAnswer.Access.DENIED, wf.checkAccess(AccessQuestion.of("frank", "prod-admin")).access());
        clock.advance(Duration.ofDays(1));
        assertTrue(wf.checkAccess(AccessQuestion.of("frank", "prod-admin")).allowed());
    }
}
