package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.access.AccessAnswer;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.decision.ApprovalLevel;
import io.countersign.engine.decision.DecisionKind;
import io.countersign.engine.event.EventType;
import io.countersign.engine.json.Json;
import io.countersign.engine.model.Approval;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.workflow.Terms;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Approval: quorum per stage, stages in order, the access window, and approvers' terms. */
public abstract class ApproveContract extends WorkflowContract {

    @Test
    void aStageNeedsItsQuorumOfDistinctApprovers() {
        StoredRequest r = adminRequest();

        clock.advance(Duration.ofMinutes(5));
        StoredRequest one = wf.approve(r.id(), "alice", Terms.because("on the change calendar"));
        assertEquals(RequestStatus.PENDING, one.status(), "one of two");
        assertEquals(1, one.stages().get(0).approvals().size());
        assertNull(one.stages().get(0).completedAt());
        assertEquals(2, one.version());
        assertEquals(List.of(EventType.REQUEST_CREATED, EventType.DECISION_RECORDED), eventTypes(r.id()));
        assertTrue(inboxOf("bob").contains(r.id()), "still waiting for a second lead");

        clock.advance(Duration.ofMinutes(5));
        StoredRequest two = wf.approve(r.id(), "bob", Terms.because("agreed"));
        assertEquals(RequestStatus.APPROVED, two.status());
        assertEquals(clock.instant(), two.stages().get(0).completedAt());
        assertNull(two.expiresAt(), "an approved request no longer expires undecided");
        assertEquals(List.of(EventType.REQUEST_CREATED, EventType.DECISION_RECORDED, EventType.DECISION_RECORDED,
                EventType.STAGE_COMPLETED, EventType.REQUEST_APPROVED), eventTypes(r.id()));
        assertTrue(inboxOf("erin").isEmpty(), "a decided request leaves every inbox");

        List<ApprovalDecision> ds = decisions(r.id());
        assertEquals(List.of("alice", "bob"), ds.stream().map(ApprovalDecision::approver).toList());
        for (ApprovalDecision d : ds) {
            assertEquals(DecisionKind.APPROVED, d.decision());
            assertEquals("group:sre-leads", d.authoritySource());
            assertEquals(ApprovalLevel.FINAL, d.approvalLevel(), "the only stage is the final one");
            assertEquals(1, ((Number) d.metadata().get("stage")).intValue());
        }
        assertEquals(List.of(ds.get(0).decisionId(), ds.get(1).decisionId()),
                two.stages().get(0).approvals().stream().map(Approval::decisionId).toList());
        assertChainIntact(r.id());
    }

    @Test
    void stagesAreDecidedInOrderFromInitialToFinal() {
        StoredRequest r = wf.submit(ask("frank", "fin-ledger").build());
        assertEquals(3, r.stages().size());
        assertNull(r.stages().get(1).openedAt(), "later stages wait for the earlier ones");
        assertTrue(inboxOf("dave").isEmpty(), "the third stage's approver sees nothing yet");

        // Those of a later stage cannot act before it opens.
        assertRefused(r.id(), "not an eligible approver of stage 1", () -> wf.approve(r.id(), "dave", Terms.NONE));

        clock.advance(Duration.ofMinutes(1));
        StoredRequest s1 = wf.approve(r.id(), "bob", Terms.because("stage one"));
        assertEquals(RequestStatus.PENDING, s1.status());
        assertEquals(clock.instant(), s1.stages().get(0).completedAt());
        assertEquals(clock.instant(), s1.stages().get(1).openedAt());
        assertEquals(1, s1.currentStage());
        assertTrue(inboxOf("bob").isEmpty());
        assertTrue(inboxOf("alice").contains(r.id()), "on call: stage 2");

        clock.advance(Duration.ofMinutes(1));
        StoredRequest s2 = wf.approve(r.id(), "alice", Terms.because("stage two"));
        assertEquals(2, s2.currentStage());
        assertEquals(List.of(r.id()), inboxOf("dave"));

        clock.advance(Duration.ofMinutes(1));
        StoredRequest s3 = wf.approve(r.id(), "dave", Terms.because("stage three"));
        assertEquals(RequestStatus.APPROVED, s3.status());
        assertEquals(clock.instant(), s3.accessStart());

        List<ApprovalDecision> ds = decisions(r.id());
        assertEquals(List.of(ApprovalLevel.INITIAL, ApprovalLevel.INTERMEDIATE, ApprovalLevel.FINAL),
                ds.stream().map(ApprovalDecision::approvalLevel).toList());
        assertEquals(List.of(1, 2, 3), ds.stream().map(d -> ((Number) d.metadata().get("stage")).intValue()).toList());
        assertEquals(List.of("group:sre-leads", "group:oncall", "user:dave"),
                ds.stream().map(ApprovalDecision::authoritySource).toList());
        assertEquals(List.of(EventType.REQUEST_CREATED,
                EventType.DECISION_RECORDED, EventType.STAGE_COMPLETED,
                EventType.DECISION_RECORDED, EventType.STAGE_COMPLETED,
                EventType.DECISION_RECORDED, EventType.STAGE_COMPLETED, EventType.REQUEST_APPROVED),
                eventTypes(r.id()));
        assertChainIntact(r.id());
    }

    @Test
    void theAccessWindowStartsAtApprovalNotAtSubmission() {
        StoredRequest r = adminRequest();
        wf.approve(r.id(), "alice", Terms.NONE);
        clock.advance(Duration.ofHours(3));
        Instant approvedAt = clock.instant();
        StoredRequest a = wf.approve(r.id(), "bob", Terms.NONE);

        assertEquals(approvedAt, a.accessStart(), "slow approvers never eat into the window");
        assertEquals(approvedAt.plus(TWO_HOURS), a.accessEnd());
        assertEquals(approvedAt.plus(Duration.ofDays(7)), a.reviewDate(), "production/admin: review after 7d");
        ApprovalDecision last = decisions(r.id()).get(1);
        assertEquals(a.accessEnd(), last.expiryDate());
        assertEquals(Boolean.TRUE, last.reviewRequired());
        assertEquals(a.reviewDate(), last.reviewDate());
    }

    @Test
    void theAccessWindowStartsAtALaterStartAt() {
        Instant tomorrow = clock.instant().plus(Duration.ofDays(1));
        StoredRequest r = wf.submit(ask("frank", "prod-admin").duration(TWO_HOURS).startAt(tomorrow).build());
        wf.approve(r.id(), "alice", Terms.NONE);
        clock.advance(Duration.ofHours(1));
        StoredRequest a = wf.approve(r.id(), "bob", Terms.NONE);
        assertEquals(tomorrow, a.accessStart());
        assertEquals(tomorrow.plus(TWO_HOURS), a.accessEnd());

        // A start the approvals overtook does not shorten the window either: it starts at approval.
        Instant soon = clock.instant().plus(Duration.ofMinutes(30));
        StoredRequest late = wf.submit(ask("frank", "prod-admin").duration(TWO_HOURS).startAt(soon).build());
        wf.approve(late.id(), "alice", Terms.NONE);
        clock.advance(Duration.ofHours(1));
        StoredRequest b = wf.approve(late.id(), "erin", Terms.NONE);
        assertEquals(clock.instant(), b.accessStart());
        assertEquals(clock.instant().plus(TWO_HOURS), b.accessEnd());
    }

    @Test
    void aShorterDurationMakesTheApprovalConditionalAndTheWindowShorter() {
        StoredRequest r = adminRequest();
        StoredRequest one = wf.approve(r.id(), "alice",
                new Terms("an hour is enough", Duration.ofHours(1), List.of(), Map.of(), List.of()));
        assertEquals(Duration.ofHours(1), one.grant().duration());
        // The next approver cannot give back what the first one took away.
        assertRefused(r.id(), "cannot widen", () -> wf.approve(r.id(), "bob",
                new Terms(null, Duration.ofMinutes(90), List.of(), Map.of(), List.of())));
        StoredRequest two = wf.approve(r.id(), "bob", Terms.because("fine"));

        assertEquals(RequestStatus.APPROVED, two.status());
        assertEquals(two.accessStart().plus(Duration.ofHours(1)), two.accessEnd());
        List<ApprovalDecision> ds = decisions(r.id());
        assertEquals(DecisionKind.CONDITIONAL, ds.get(0).decision());
        assertEquals(DecisionKind.APPROVED, ds.get(1).decision(), "bob added nothing");
        assertEquals(two.accessEnd(), ds.get(1).expiryDate());
    }

    @Test
    void fewerPermissionsMakeTheApprovalPartial() throws Exception {
        StoredRequest r = wf.submit(ask("frank", "prod-data").permissions("read", "list").build());
        assertEquals(List.of("read", "list"), r.grant().permissions());
        assertEquals(List.of("user:dave"), r.stages().get(0).from(), "from 1 of requester.manager");

        StoredRequest a = wf.approve(r.id(), "dave",
                new Terms("reading is enough", null, List.of("read"), Map.of(), List.of()));
        assertEquals(RequestStatus.APPROVED, a.status());
        assertEquals(List.of("read"), a.grant().permissions());
        ApprovalDecision d = decisions(r.id()).get(0);
        assertEquals(DecisionKind.PARTIAL, d.decision());
        assertEquals(List.of("read"), Json.mapper().readValue(d.partialGrants(), List.class));

        assertTrue(wf.checkAccess("frank", "prod-data", List.of("read"), clock.instant()).allowed());
        AccessAnswer list = wf.checkAccess("frank", "prod-data", List.of("list"), clock.instant());
        assertTrue(!list.allowed() && !r.id().equals(list.requestId()), list.toString());
    }

    @Test
    void addedConditionsAndStipulationsMakeTheApprovalConditional() throws Exception {
        StoredRequest r = adminRequest();
        StoredRequest one = wf.approve(r.id(), "alice", new Terms("with care", null, List.of(),
                Map.of("max_rows", 1000, "restricted_operations", List.of("delete", "modify_schema")),
                List.of("Pair with a DBA")));
        assertEquals(List.of("delete", "modify_schema"), one.grant().conditions().get("restricted_operations"));
        assertEquals(1000, ((Number) one.grant().conditions().get("max_rows")).intValue());
        assertEquals(2, one.grant().conditions().size());
        assertEquals(List.of("Pair with a DBA"), one.grant().stipulations());
        StoredRequest two = wf.approve(r.id(), "bob", new Terms(null, null, List.of(), Map.of(),
                List.of("Pair with a DBA", "Announce in #ops")));
        assertEquals(List.of("Pair with a DBA", "Announce in #ops"), two.grant().stipulations());

        List<ApprovalDecision> ds = decisions(r.id());
        assertEquals(DecisionKind.CONDITIONAL, ds.get(0).decision());
        JsonNode added = Json.mapper().readTree(ds.get(0).conditions());
        assertEquals(1000, added.get("max_rows").asInt());
        assertTrue(!added.has("restricted_operations"), "only what the approver added: " + added);
        assertEquals("Pair with a DBA", ds.get(0).stipulations());
        assertEquals(DecisionKind.CONDITIONAL, ds.get(1).decision(), "bob added a stipulation");

        AccessAnswer a = wf.checkAccess("frank", "prod-admin", List.of(), clock.instant());
        assertTrue(a.allowed());
        assertEquals(1000, ((Number) a.conditions().get("max_rows")).intValue());
        assertTrue(a.stipulations().contains("Announce in #ops"));
    }

    @Test
    void termsThatWouldWidenTheGrantAreRefused() {
        StoredRequest admin = adminRequest();
        assertRefused(admin.id(), "cannot widen the grant: the duration may be at most 2h",
                () -> wf.approve(admin.id(), "alice", new Terms(null, Duration.ofHours(3), List.of(), Map.of(),
                        List.of())));
        assertRefused(admin.id(), "cannot change the condition 'restricted_operations'",
                () -> wf.approve(admin.id(), "alice", new Terms(null, null, List.of(),
                        Map.of("restricted_operations", List.of()), List.of())));

        StoredRequest data = wf.submit(ask("frank", "prod-data").permissions("read").build());
        assertRefused(data.id(), "'export' is not among the granted permissions",
                () -> wf.approve(data.id(), "dave", new Terms(null, null, List.of("read", "export"), Map.of(),
                        List.of())));
        assertRefused(data.id(), "'write' is not among the granted permissions",
                () -> wf.approve(data.id(), "dave", new Terms(null, null, List.of("write"), Map.of(), List.of())));
        assertEquals(RequestStatus.PENDING, wf.get(data.id()).status());
    }

    /** What a person's act may carry is bounded as a request is: past a bound the field is named, nothing changes. */
    @Test
    void anActTooLargeToKeepIsRefusedNamingTheFieldAndChangesNothing() {
        StoredRequest r = adminRequest();
        String tooLong = "x".repeat(io.countersign.engine.request.StoredSize.MAX_TEXT + 1);
        java.util.function.BiConsumer<String, org.junit.jupiter.api.function.Executable> refused = (field, act) ->
                assertEquals(field, org.junit.jupiter.api.Assertions.assertThrows(
                        io.countersign.engine.request.InvalidRequestException.class, act).field());
        refused.accept("rationale", () -> wf.approve(r.id(), "alice", Terms.because(tooLong)));
        refused.accept("comments", () -> wf.approve(r.id(), "alice", Terms.because("ok").withComments(tooLong)));
        refused.accept("evidenceProvided[0]", () -> wf.approve(r.id(), "alice",
                Terms.because("ok").withEvidenceProvided(List.of("e".repeat(257)))));
        refused.accept("rationale", () -> wf.deny(r.id(), io.countersign.engine.workflow.Actor.of("alice"), tooLong));
        refused.accept("reason", () -> wf.escalate(r.id(), io.countersign.engine.workflow.Actor.of("frank"), tooLong));
        refused.accept("to", () -> wf.delegate(r.id(), io.countersign.engine.workflow.Actor.of("alice"),
                "u".repeat(257)));
        StoredRequest after = wf.store().get(r.id()).orElseThrow();
        assertEquals(r.version(), after.version());
        assertEquals(RequestStatus.PENDING, after.status());
        assertEquals(1, wf.store().history(r.id()).orElseThrow().events().size());
    }
}
