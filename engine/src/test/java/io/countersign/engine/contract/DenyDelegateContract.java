package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.decision.ApprovalLevel;
import io.countersign.engine.decision.DecisionKind;
import io.countersign.engine.event.EventType;
import io.countersign.engine.model.Approval;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.request.InvalidRequestException;
import io.countersign.engine.workflow.Actor;
import io.countersign.engine.workflow.Terms;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Denial (one is enough) and delegation (the delegate takes the delegator's place, never both). */
public abstract class DenyDelegateContract extends WorkflowContract {

    @Test
    void oneDenialDeniesWhateverTheOtherApproversSaid() {
        StoredRequest r = adminRequest();
        wf.approve(r.id(), "alice", Terms.because("fine by me"));
        clock.advance(Duration.ofMinutes(2));
        StoredRequest d = wf.deny(r.id(), Actor.of("bob"), "not during the freeze");

        assertEquals(RequestStatus.DENIED, d.status());
        assertEquals("Denied by bob: not during the freeze", d.rationale());
        assertNull(d.expiresAt());
        assertNull(d.accessStart());
        ApprovalDecision denial = decisions(r.id()).get(1);
        assertEquals("bob", denial.approver());
        assertEquals(DecisionKind.DENIED, denial.decision());
        assertEquals("not during the freeze", denial.rationale());
        assertEquals("group:sre-leads", denial.authoritySource());
        assertEquals(clock.instant(), denial.decisionDate());
        assertEquals(List.of(EventType.REQUEST_CREATED, EventType.DECISION_RECORDED, EventType.DECISION_RECORDED,
                EventType.REQUEST_DENIED), eventTypes(r.id()));
        assertTrue(inboxOf("erin").isEmpty());
        assertRefused(r.id(), "not pending", () -> wf.approve(r.id(), "erin", Terms.NONE));
        assertChainIntact(r.id());
    }

    @Test
    void aDenialAtALaterStageDeniesTheRequest() {
        StoredRequest r = wf.submit(ask("frank", "fin-ledger").build());
        wf.approve(r.id(), "bob", Terms.NONE);
        StoredRequest d = wf.deny(r.id(), Actor.of("alice"), "the ledger is closing");
        assertEquals(RequestStatus.DENIED, d.status());
        ApprovalDecision denial = decisions(r.id()).get(1);
        assertEquals(2, ((Number) denial.metadata().get("stage")).intValue());
        assertEquals(ApprovalLevel.INTERMEDIATE, denial.approvalLevel());
        assertTrue(inboxOf("dave").isEmpty(), "the third stage never opens");
    }

    @Test
    void aDenialNeedsARationaleAndAnEligibleApprover() {
        StoredRequest r = adminRequest();
        for (String blank : new String[] {null, "", "   "}) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class,
                    () -> wf.deny(r.id(), Actor.of("alice"), blank));
            assertEquals("rationale", e.field());
        }
        assertRefused(r.id(), "not an eligible approver", () -> wf.deny(r.id(), Actor.of("dave"), "I dislike it"));
        assertRefused(r.id(), "may not decide it", () -> wf.deny(r.id(), Actor.of("frank"), "changed my mind"));
        assertEquals(RequestStatus.PENDING, wf.get(r.id()).status());
        assertEquals(1, wf.get(r.id()).version());
    }

    @Test
    void aDelegateApprovesInTheDelegatorsPlace() {
        StoredRequest r = adminRequest();
        assertRefused(r.id(), "not an eligible approver", () -> wf.approve(r.id(), "dave", Terms.NONE));

        StoredRequest delegated = wf.delegate(r.id(), Actor.of("alice"), "dave");
        assertEquals(Map.of("dave", "alice"), delegated.stages().get(0).delegates());
        assertTrue(inboxOf("dave").contains(r.id()), "the delegate's own inbox");
        ApprovalDecision handOver = decisions(r.id()).get(0);
        assertEquals(DecisionKind.DELEGATED, handOver.decision());
        assertEquals("alice", handOver.approver());
        assertEquals("dave", handOver.metadata().get("delegatedTo"));
        assertEquals(List.of(EventType.REQUEST_CREATED, EventType.DECISION_RECORDED, EventType.REQUEST_DELEGATED),
                eventTypes(r.id()));

        StoredRequest one = wf.approve(r.id(), "dave", Terms.because("standing in for alice"));
        Approval a = one.stages().get(0).approvals().get(0);
        assertEquals("dave", a.approver());
        assertEquals("delegated-by:alice", a.authority());
        assertEquals("alice", a.onBehalfOf());
        ApprovalDecision d = decisions(r.id()).get(1);
        assertEquals("delegated-by:alice", d.authoritySource());
        assertEquals("alice", d.delegatedFrom());

        // The delegator gave their place away: they cannot take a second one.
        assertRefused(r.id(), "alice delegated their place in stage 1 to dave",
                () -> wf.approve(r.id(), "alice", Terms.NONE));
        assertRefused(r.id(), "already", () -> wf.approve(r.id(), "dave", Terms.NONE));
        StoredRequest two = wf.approve(r.id(), "bob", Terms.NONE);
        assertEquals(RequestStatus.APPROVED, two.status());
        assertEquals(Set.of("dave", "alice", "bob"), two.approvers());
        assertChainIntact(r.id());
    }

    @Test
    void aDelegatorAndTheirDelegateNeverCountTwice() {
        // alice approves, then tries to hand a second place to someone else.
        StoredRequest r = adminRequest();
        wf.approve(r.id(), "alice", Terms.NONE);
        assertRefused(r.id(), "alice has already approved", () -> wf.delegate(r.id(), Actor.of("alice"), "dave"));

        // alice hands her place to bob, himself a lead: bob now fills alice's place, not his own as well.
        StoredRequest s = adminRequest();
        wf.delegate(s.id(), Actor.of("alice"), "bob");
        StoredRequest one = wf.approve(s.id(), "bob", Terms.NONE);
        assertEquals(RequestStatus.PENDING, one.status(), "one place filled, not two");
        assertEquals("delegated-by:alice", one.stages().get(0).approvals().get(0).authority());
        assertRefused(s.id(), "already approved", () -> wf.approve(s.id(), "bob", Terms.NONE));
        assertRefused(s.id(), "delegated their place", () -> wf.approve(s.id(), "alice", Terms.NONE));
        StoredRequest two = wf.approve(s.id(), "erin", Terms.NONE);
        assertEquals(RequestStatus.APPROVED, two.status());
        assertEquals(2, two.stages().get(0).approvals().size());

        // A place passed on once is not passed on again, and nobody holds two places by delegation.
        StoredRequest t = adminRequest();
        wf.delegate(t.id(), Actor.of("alice"), "dave");
        assertRefused(t.id(), "holds a delegated place", () -> wf.delegate(t.id(), Actor.of("dave"), "grace"));
        assertRefused(t.id(), "dave already holds a place", () -> wf.delegate(t.id(), Actor.of("bob"), "dave"));
    }

    @Test
    void delegationIsRefusedWherePolicySaysNoDelegationAndToTheRequester() {
        StoredRequest data = wf.submit(ask("frank", "prod-data").permissions("read").build());
        assertRefused(data.id(), "no delegation", () -> wf.delegate(data.id(), Actor.of("dave"), "alice"));

        StoredRequest admin = adminRequest();
        assertRefused(admin.id(), "cannot delegate to the requester", () -> wf.delegate(admin.id(), Actor.of("alice"), "frank"));
        assertRefused(admin.id(), "cannot delegate to oneself", () -> wf.delegate(admin.id(), Actor.of("alice"), "alice"));
        assertRefused(admin.id(), "not an eligible approver", () -> wf.delegate(admin.id(), Actor.of("dave"), "grace"));
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> wf.delegate(admin.id(), Actor.of("alice"), " "));
        assertEquals("to", e.field());
    }
}
