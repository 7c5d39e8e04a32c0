package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.decision.ApprovalLevel;
import io.countersign.engine.decision.DecisionKind;
import io.countersign.engine.event.EventType;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StageState;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.workflow.Actor;
import io.countersign.engine.workflow.SweepReport;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Escalation opens a stage to its escalation approvers, on demand or once {@code escalate after} has
 * passed; an appeal puts a denied request before those the denial names.
 */
public abstract class EscalateAppealContract extends WorkflowContract {

    @Test
    void anExplicitEscalationOpensTheEscalationApproversAtOnce() {
        StoredRequest r = adminRequest();
        assertRefused(r.id(), "not an eligible approver", () -> wf.approve(r.id(), "grace", Terms.NONE));

        clock.advance(Duration.ofMinutes(5));
        StoredRequest e = wf.escalate(r.id(), Actor.of("frank"), "the migration window closes at noon");
        assertEquals(List.of("group:security-oncall"), e.stages().get(0).escalatedTo());
        assertEquals(RequestStatus.PENDING, e.status());
        assertTrue(inboxOf("grace").contains(r.id()));
        ApprovalDecision d = decisions(r.id()).get(0);
        assertEquals(DecisionKind.ESCALATED, d.decision());
        assertEquals("requester", d.authoritySource());
        assertEquals("the migration window closes at noon", d.escalationReason());
        assertEquals(List.of(EventType.REQUEST_CREATED, EventType.DECISION_RECORDED, EventType.REQUEST_ESCALATED),
                eventTypes(r.id()));
        assertRefused(r.id(), "already escalated", () -> wf.escalate(r.id(), Actor.of("alice"), "again"));

        StoredRequest one = wf.approve(r.id(), "grace", Terms.because("security agrees"));
        assertEquals("escalation:group:security-oncall", one.stages().get(0).approvals().get(0).authority());
        assertEquals("escalation:group:security-oncall", decisions(r.id()).get(1).authoritySource());
        assertEquals(RequestStatus.APPROVED, wf.approve(r.id(), "erin", Terms.NONE).status());
    }

    @Test
    void anEligibleApproverMayEscalateAStrangerMayNot() {
        StoredRequest r = adminRequest();
        assertRefused(r.id(), "not an eligible approver", () -> wf.escalate(r.id(), Actor.of("dave"), "hurry"));
        StoredRequest e = wf.escalate(r.id(), Actor.of("bob"), "I am on leave");
        assertEquals(List.of("group:security-oncall"), e.stages().get(0).escalatedTo());
        assertEquals("group:sre-leads", decisions(r.id()).get(0).authoritySource());
    }

    @Test
    void afterEscalateAfterTheEscalationGroupMayApproveWithoutASweep() {
        StoredRequest r = adminRequest();
        clock.advance(Duration.ofMinutes(29));
        assertRefused(r.id(), "not an eligible approver", () -> wf.approve(r.id(), "grace", Terms.NONE));
        clock.advance(Duration.ofMinutes(1));
        StoredRequest one = wf.approve(r.id(), "grace", Terms.because("thirty minutes passed"));
        assertEquals("escalation:group:security-oncall", one.stages().get(0).approvals().get(0).authority());
        assertTrue(one.stages().get(0).escalatedTo().isEmpty(), "nobody escalated it: the time did");
    }

    @Test
    void theSweepOpensDueEscalationsAndPutsThemInTheInbox() {
        StoredRequest r = adminRequest();
        clock.advance(Duration.ofMinutes(29));
        assertTrue(wf.sweep().escalated().isEmpty());
        assertFalse(inboxOf("grace").contains(r.id()));

        clock.advance(Duration.ofMinutes(2));
        assertFalse(inboxOf("grace").contains(r.id()), "only a write moves the inbox");
        SweepReport report = wf.sweep();
        assertEquals(List.of(r.id()), report.escalated());
        assertEquals(List.of(r.id()), inboxOf("grace"));
        StoredRequest after = wf.get(r.id());
        assertEquals(List.of("group:security-oncall"), after.stages().get(0).escalatedTo());
        assertEquals(EventType.REQUEST_ESCALATED, history(r.id()).events().get(1).type());
        assertEquals(Workflow.SWEEP, history(r.id()).events().get(1).actor());

        SweepReport again = wf.sweep();
        assertTrue(again.escalated().isEmpty(), "escalated once");
        assertEquals(after, wf.get(r.id()));
        assertChainIntact(r.id());
    }

    @Test
    void aStageWithoutEscalationPathCannotBeEscalated() {
        StoredRequest r = wf.submit(ask("frank", "prod-sandbox").build());
        assertRefused(r.id(), "no escalation path", () -> wf.escalate(r.id(), Actor.of("frank"), "hurry"));
        clock.advance(Duration.ofHours(23));
        assertTrue(wf.sweep().escalated().isEmpty());
    }

    @Test
    void theRequesterAppealsAPolicyDenialToThoseItNames() {
        StoredRequest r = wf.submit(ask("carol", "prod-admin").build());
        ApprovalDecision policyDenial = decisions(r.id()).get(0);
        assertEquals(DecisionKind.DENIED, policyDenial.decision());
        assertRefused(r.id(), "only the requester may appeal", () -> wf.escalate(r.id(), Actor.of("dave"), "let her"));
        assertRefused(r.id(), "not pending", () -> wf.approve(r.id(), "dave", Terms.NONE));

        clock.advance(Duration.ofMinutes(10));
        StoredRequest appealed = wf.escalate(r.id(), Actor.of("carol"), "I cover for the DBA this week");
        assertEquals(RequestStatus.PENDING, appealed.status());
        assertEquals(1, appealed.stages().size());
        StageState hearing = appealed.stages().get(0);
        assertEquals(1, hearing.need());
        assertEquals(List.of("group:department-heads"), hearing.from());
        assertEquals(policyDenial.decisionId(), hearing.overrides());
        assertEquals(clock.instant().plus(Workflow.APPEAL_EXPIRY), appealed.expiresAt());
        assertTrue(appealed.appealTo().isEmpty(), "an appeal is heard once");
        assertEquals(List.of(r.id()), inboxOf("dave"));
        ApprovalDecision appeal = decisions(r.id()).get(1);
        assertEquals(DecisionKind.ESCALATED, appeal.decision());
        assertEquals(ApprovalLevel.OVERRIDE, appeal.approvalLevel());
        assertEquals("I cover for the DBA this week", appeal.escalationReason());

        assertRefused(r.id(), "not an eligible approver", () -> wf.approve(r.id(), "alice", Terms.NONE));
        clock.advance(Duration.ofMinutes(10));
        StoredRequest approved = wf.approve(r.id(), "dave", Terms.because("temporary cover, agreed"));
        assertEquals(RequestStatus.APPROVED, approved.status());
        assertEquals(clock.instant(), approved.accessStart());
        ApprovalDecision override = decisions(r.id()).get(2);
        assertEquals("dave", override.approver());
        assertEquals(ApprovalLevel.OVERRIDE, override.approvalLevel());
        assertEquals(policyDenial.decisionId(), override.overrides());
        assertEquals("group:department-heads", override.authoritySource());
        assertEquals(List.of(EventType.REQUEST_CREATED, EventType.DECISION_RECORDED, EventType.REQUEST_DENIED,
                EventType.DECISION_RECORDED, EventType.REQUEST_ESCALATED,
                EventType.DECISION_RECORDED, EventType.STAGE_COMPLETED, EventType.REQUEST_APPROVED),
                eventTypes(r.id()));
        assertTrue(wf.checkAccess("carol", "prod-admin", List.of(), clock.instant()).allowed());
        assertChainIntact(r.id());
    }

    @Test
    void theHearingsDenialIsFinal() {
        StoredRequest r = wf.submit(ask("carol", "prod-admin").build());
        wf.escalate(r.id(), Actor.of("carol"), "please");
        StoredRequest denied = wf.deny(r.id(), Actor.of("dave"), "no exceptions");
        assertEquals(RequestStatus.DENIED, denied.status());
        assertEquals(ApprovalLevel.OVERRIDE, decisions(r.id()).get(2).approvalLevel());
        assertRefused(r.id(), "cannot be appealed", () -> wf.escalate(r.id(), Actor.of("carol"), "please, again"));
    }

    @Test
    void aDenialThatNamesNobodyToHearAnAppealCannotBeAppealed() {
        StoredRequest byPolicy = wf.submit(ask("frank", "fin-payroll").build());
        assertEquals(RequestStatus.DENIED, byPolicy.status());
        assertTrue(byPolicy.appealTo().isEmpty());
        assertRefused(byPolicy.id(), "cannot be appealed", () -> wf.escalate(byPolicy.id(), Actor.of("frank"), "please"));

        StoredRequest byPerson = wf.submit(ask("frank", "prod-sandbox").build());
        wf.deny(byPerson.id(), Actor.of("bob"), "use staging");
        assertRefused(byPerson.id(), "cannot be appealed", () -> wf.escalate(byPerson.id(), Actor.of("frank"), "please"));
    }

    @Test
    void anAppealOfAPersonsDenialIsHeardByTheStagesEscalationApprovers() {
        StoredRequest r = adminRequest();
        wf.approve(r.id(), "alice", Terms.NONE);
        wf.deny(r.id(), Actor.of("bob"), "not during the freeze");
        ApprovalDecision denial = decisions(r.id()).get(1);
        assertEquals(List.of("group:security-oncall"), wf.get(r.id()).appealTo());

        clock.advance(Duration.ofMinutes(1));
        StoredRequest appealed = wf.escalate(r.id(), Actor.of("frank"), "the freeze exempts security fixes");
        assertEquals(RequestStatus.PENDING, appealed.status());
        assertEquals(denial.decisionId(), appealed.stages().get(1).overrides());
        // The hearing is what is open now, not the stage the denial closed.
        assertEquals(1, appealed.currentStage());
        assertEquals(List.of(r.id()), inboxOf("grace"));
        assertTrue(inboxOf("erin").isEmpty(), "the leads' stage was decided by the denial");
        assertRefused(r.id(), "not an eligible approver", () -> wf.approve(r.id(), "erin", Terms.NONE));

        StoredRequest approved = wf.approve(r.id(), "grace", Terms.because("a security fix"));
        assertEquals(RequestStatus.APPROVED, approved.status());
        ApprovalDecision override = decisions(r.id()).get(3);
        assertEquals(ApprovalLevel.OVERRIDE, override.approvalLevel());
        assertEquals(denial.decisionId(), override.overrides());
        assertNull(approved.expiresAt());
        assertChainIntact(r.id());
    }
}
