package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.workflow.Actor;
import io.countersign.engine.workflow.Terms;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every refusal the rules call for, and that each writes nothing. */
public abstract class RefusalContract extends WorkflowContract {

    @Test
    void onlyTheOpenStagesApproversMayApprove() {
        StoredRequest r = adminRequest();
        assertRefused(r.id(), "dave is not an eligible approver of stage 1 (it needs 2 of group:sre-leads)",
                () -> wf.approve(r.id(), "dave", Terms.NONE));
        assertRefused(r.id(), "not an eligible approver", () -> wf.approve(r.id(), "nobody-we-know", Terms.NONE));
    }

    @Test
    void nobodyApprovesTheirOwnRequest() {
        StoredRequest r = wf.submit(ask("alice", "prod-admin").duration(TWO_HOURS).build());
        assertRefused(r.id(), "alice requested this access and may not decide it",
                () -> wf.approve(r.id(), "alice", Terms.NONE));
        assertRefused(r.id(), "may not decide it", () -> wf.delegate(r.id(), Actor.of("alice"), "dave"));
    }

    @Test
    void unlessPolicySaysAllowSelfApproval() {
        StoredRequest r = wf.submit(ask("alice", "prod-sandbox").build());
        StoredRequest a = wf.approve(r.id(), "alice", Terms.because("my own sandbox"));
        assertEquals(RequestStatus.APPROVED, a.status());
        assertEquals("group:sre-leads", decisions(r.id()).get(0).authoritySource());
    }

    @Test
    void approversAreDistinctAcrossTheWholeRequest() {
        StoredRequest twice = adminRequest();
        wf.approve(twice.id(), "alice", Terms.NONE);
        assertRefused(twice.id(), "alice has already approved this request: approvers must be distinct",
                () -> wf.approve(twice.id(), "alice", Terms.NONE));

        // alice leads SRE and is on call: eligible for stages 1 and 2, she may fill only one of them.
        StoredRequest ledger = wf.submit(ask("frank", "fin-ledger").build());
        wf.approve(ledger.id(), "alice", Terms.NONE);
        assertEquals(1, wf.get(ledger.id()).currentStage());
        assertRefused(ledger.id(), "approvers must be distinct", () -> wf.approve(ledger.id(), "alice", Terms.NONE));
    }

    @Test
    void aDecidedRequestIsNotDecidedAgain() {
        StoredRequest denied = adminRequest();
        wf.deny(denied.id(), Actor.of("alice"), "no");
        assertRefused(denied.id(), "the request is denied, not pending", () -> wf.approve(denied.id(), "bob",
                Terms.NONE));
        assertRefused(denied.id(), "not pending", () -> wf.deny(denied.id(), Actor.of("bob"), "no too"));
        assertRefused(denied.id(), "not pending", () -> wf.delegate(denied.id(), Actor.of("bob"), "dave"));

        StoredRequest cancelled = adminRequest();
        wf.cancel(cancelled.id(), "frank");
        assertRefused(cancelled.id(), "the request is cancelled, not pending",
                () -> wf.approve(cancelled.id(), "bob", Terms.NONE));
        assertRefused(cancelled.id(), "not pending", () -> wf.escalate(cancelled.id(), Actor.of("frank"), "hurry"));

        StoredRequest approved = approvedAdmin();
        assertRefused(approved.id(), "the request is approved, not pending",
                () -> wf.approve(approved.id(), "erin", Terms.NONE));
        assertRefused(approved.id(), "not pending", () -> wf.deny(approved.id(), Actor.of("erin"), "too late"));
        assertRefused(approved.id(), "not pending", () -> wf.escalate(approved.id(), Actor.of("frank"), "more"));

        StoredRequest atOnce = wf.submit(ask("alice", "prod-readonly").build());
        assertRefused(atOnce.id(), "not pending", () -> wf.approve(atOnce.id(), "bob", Terms.NONE));
    }

    @Test
    void aPendingRequestPastItsExpiryIsRefusedBeforeAnySweep() {
        StoredRequest r = adminRequest();
        wf.approve(r.id(), "alice", Terms.NONE);
        clock.advance(Duration.ofHours(24));
        assertRefused(r.id(), "cannot approve: the request expired at", () -> wf.approve(r.id(), "bob", Terms.NONE));
        assertRefused(r.id(), "cannot deny: the request expired", () -> wf.deny(r.id(), Actor.of("bob"), "no"));
        assertRefused(r.id(), "cannot delegate: the request expired", () -> wf.delegate(r.id(), Actor.of("bob"), "dave"));
        assertRefused(r.id(), "cannot escalate: the request expired", () -> wf.escalate(r.id(), Actor.of("frank"), "hurry"));
        assertEquals(RequestStatus.PENDING, wf.get(r.id()).status(), "until the sweep says so");
    }
}
