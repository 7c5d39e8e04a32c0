package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.access.AccessAnswer;
import io.countersign.engine.decide.Outcome;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.decision.ApprovalLevel;
import io.countersign.engine.decision.DecisionKind;
import io.countersign.engine.event.EventType;
import io.countersign.engine.model.StageState;
import io.countersign.engine.request.InvalidRequestException;
import io.countersign.engine.store.Listing;
import io.countersign.engine.workflow.RefusedException;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.workflow.Terms;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Submission: policy decides at once or routes to stages; the same id twice is idempotent. */
public abstract class SubmitContract extends WorkflowContract {

    @Test
    void aRequestPolicyRoutesToApproversIsPendingWithItsStagesOpen() {
        Instant t0 = clock.instant();
        StoredRequest r = adminRequest();

        assertEquals(RequestStatus.PENDING, r.status());
        assertEquals(Outcome.PENDING, r.outcome());
        assertEquals(1, r.version());
        assertEquals(List.of("production/admin"), r.rules());
        assertEquals(1, r.stages().size());
        StageState stage = r.stages().get(0);
        assertEquals(2, stage.need());
        assertEquals(List.of("group:sre-leads"), stage.from());
        assertEquals(t0, stage.openedAt());
        assertTrue(stage.approvals().isEmpty());
        assertEquals(t0.plus(Duration.ofHours(24)), r.expiresAt(), "production/admin: expire after 24h");
        assertEquals(TWO_HOURS, r.grant().duration(), "two hours asked, under the 4h cap");
        assertEquals(List.of("delete", "modify_schema"), r.grant().conditions().get("restricted_operations"));
        assertNull(r.accessStart());
        assertNull(r.accessEnd());

        assertEquals(r, wf.get(r.id()), "what submit returns is what was stored");
        assertTrue(decisions(r.id()).isEmpty(), "nobody has decided yet");
        assertEquals(List.of(EventType.REQUEST_CREATED), eventTypes(r.id()));
        assertTrue(inboxOf("alice").contains(r.id()));
        assertTrue(inboxOf("erin").contains(r.id()));
        assertTrue(inboxOf("dave").isEmpty(), "dave is no SRE lead");
        assertChainIntact(r.id());
    }

    @Test
    void aRequestPolicyApprovesAtOnceIsApprovedWithPolicysDecisionRecorded() {
        Instant t0 = clock.instant();
        StoredRequest r = wf.submit(ask("alice", "prod-readonly").build());

        assertEquals(RequestStatus.APPROVED, r.status());
        assertEquals(Outcome.CONDITIONAL, r.outcome(), "a stipulation makes it conditional");
        assertTrue(r.stages().isEmpty());
        assertNull(r.expiresAt());
        assertEquals(t0, r.accessStart());
        assertEquals(t0.plus(Duration.ofHours(1)), r.accessEnd());
        assertEquals(List.of("Session is recorded"), r.grant().stipulations());

        List<ApprovalDecision> ds = decisions(r.id());
        assertEquals(1, ds.size());
        ApprovalDecision d = ds.get(0);
        assertEquals(r.id(), d.requestId());
        assertEquals(ApprovalDecision.POLICY, d.approver());
        assertEquals(DecisionKind.CONDITIONAL, d.decision());
        assertEquals(ApprovalLevel.AUTOMATIC, d.approvalLevel());
        assertEquals("policy:production/oncall-readonly", d.authoritySource());
        assertEquals("Session is recorded", d.stipulations());
        assertEquals(t0, d.decisionDate());
        assertEquals(r.accessEnd(), d.expiryDate());
        assertTrue(d.riskAssessment() != null && d.riskAssessment().contains("score"), d.riskAssessment());
        assertEquals(List.of(EventType.REQUEST_CREATED, EventType.DECISION_RECORDED, EventType.REQUEST_APPROVED),
                eventTypes(r.id()));
        assertChainIntact(r.id());

        AccessAnswer a = wf.checkAccess("alice", "prod-readonly", List.of(), t0.plusSeconds(60));
        assertTrue(a.allowed(), a.toString());
        assertEquals(r.id(), a.requestId(), "the stored grant answers before policy is asked again");
    }

    @Test
    void aRequestPolicyDeniesAtOnceIsDeniedWithTheReasonAndWhoMayHearAnAppeal() {
        StoredRequest r = wf.submit(ask("carol", "prod-admin").build());

        assertEquals(RequestStatus.DENIED, r.status());
        assertEquals(Outcome.DENIED, r.outcome());
        assertTrue(r.rationale().contains("Contractors may not hold production admin"), r.rationale());
        assertEquals(List.of("group:department-heads"), r.appealTo());
        assertTrue(r.stages().isEmpty());
        assertNull(r.accessStart());

        List<ApprovalDecision> ds = decisions(r.id());
        assertEquals(1, ds.size());
        assertEquals(DecisionKind.DENIED, ds.get(0).decision());
        assertEquals(ApprovalDecision.POLICY, ds.get(0).approver());
        assertEquals("policy:production/contractors-not-admin", ds.get(0).authoritySource());
        assertTrue(ds.get(0).escalationReason().contains("group:department-heads"), ds.get(0).escalationReason());
        assertEquals(List.of(EventType.REQUEST_CREATED, EventType.DECISION_RECORDED, EventType.REQUEST_DENIED),
                eventTypes(r.id()));
        assertTrue(inboxOf("alice").isEmpty(), "a denied request waits for nobody");
        assertChainIntact(r.id());
    }

    @Test
    void sendingTheSameRequestAgainAnswersWithTheStoredOne() {
        StoredRequest first = wf.submit(ask("frank", "prod-admin").id("chg-7-admin").duration(TWO_HOURS)
                .build());
        clock.advance(Duration.ofMinutes(3));
        StoredRequest again = wf.submit(ask("frank", "prod-admin").id("chg-7-admin").duration(TWO_HOURS)
                .build());

        assertEquals(first, again);
        assertEquals("chg-7-admin", again.id());
        assertEquals(List.of(EventType.REQUEST_CREATED), eventTypes(first.id()), "no second creation");

        // Once it has moved on, a retry answers with where it is now and still writes nothing.
        wf.approve(first.id(), "alice", Terms.because("fine"));
        StoredRequest moved = wf.get(first.id());
        StoredRequest retried = wf.submit(ask("frank", "prod-admin").id("chg-7-admin").duration(TWO_HOURS)
                .build());
        assertEquals(moved, retried);
        assertEquals(List.of(first.id()), ids(wf.list(new Listing.ByRequester("frank"), 10).items()));
    }

    @Test
    void aDifferentRequestUnderAnIdInUseIsRefused() {
        StoredRequest first = wf.submit(ask("frank", "prod-admin").id("chg-8").duration(TWO_HOURS).build());

        RefusedException e = assertRefused(first.id(), "chg-8",
                () -> wf.submit(ask("frank", "prod-admin").id("chg-8").duration(Duration.ofHours(3)).build()));
        assertTrue(e.getMessage().contains("different request"), e.getMessage());
        assertRefused(first.id(), "different request",
                () -> wf.submit(ask("frank", "prod-sandbox").id("chg-8").duration(TWO_HOURS).build()));
        assertRefused(first.id(), "different request",
                () -> wf.submit(ask("bob", "prod-admin").id("chg-8").duration(TWO_HOURS).build()));
        assertEquals(first, wf.get("chg-8"));
    }

    @Test
    void aClientMayNotChooseTheInstantItIsEvaluatedAt() {
        // Outside business hours it would be judged differently: the engine's clock decides, not the client.
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> wf.submit(ask("frank", "prod-admin").id("with-at")
                        .at(Instant.parse("2026-03-07T23:00:00Z")).build()));
        assertEquals("at", e.field());
        assertTrue(e.getMessage().contains("'at'"), e.getMessage());
        assertTrue(wf.store().get("with-at").isEmpty(), "nothing was stored");
    }

    @Test
    void anInvalidRequestIsRefusedNamingTheFieldAndNothingIsStored() {
        InvalidRequestException noDuration = assertThrows(InvalidRequestException.class,
                () -> wf.submit(ask("frank", "prod-admin").id("no-duration").duration(null).build()));
        assertEquals("duration", noDuration.field());
        InvalidRequestException empty = assertThrows(InvalidRequestException.class,
                () -> wf.submit(ask("frank", "prod-admin").id("no-reason").justification(" ... ").build()));
        assertEquals("justification", empty.field());
        assertTrue(wf.store().get("no-duration").isEmpty());
        assertTrue(wf.store().get("no-reason").isEmpty());
    }

    /**
     * What a request may carry is bounded where it is kept: a justification of a few paragraphs, names of
     * a line, a context of facts. Past a bound the field is named, and nothing is stored.
     */
    @Test
    void aRequestTooLargeToKeepIsRefusedNamingTheFieldAndNothingIsStored() {
        String longest = "x".repeat(io.countersign.engine.request.StoredSize.MAX_TEXT);
        assertEquals(longest, wf.submit(ask("frank", "prod-admin").id("longest").justification(longest).build())
                .justification());
        InvalidRequestException text = assertThrows(InvalidRequestException.class,
                () -> wf.submit(ask("frank", "prod-admin").id("too-long").justification(longest + "x").build()));
        assertEquals("justification", text.field());
        assertTrue(text.getMessage().contains("4097 characters"), text.getMessage());

        InvalidRequestException name = assertThrows(InvalidRequestException.class,
                () -> wf.submit(ask("frank", "prod-admin").id("long-permission").permissions("p".repeat(257)).build()));
        assertEquals("permissions[0]", name.field());

        Map<String, Object> facts = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 400; i++) {
            facts.put("fact-" + i, List.of("v".repeat(80)));
        }
        InvalidRequestException context = assertThrows(InvalidRequestException.class,
                () -> wf.submit(ask("frank", "prod-admin").id("big-context").context(facts).build()));
        assertEquals("context", context.field());
        assertTrue(context.getMessage().length() < 300, context.getMessage());
        // A number weighs its digits, not its plain form: a huge exponent is a small fact.
        StoredRequest exponent = wf.submit(ask("frank", "prod-admin").id("exponent")
                .context(Map.of("limit", new java.math.BigDecimal("1e999999999"))).build());
        assertEquals("exponent", exponent.id());
        for (String id : List.of("too-long", "long-permission", "big-context")) {
            assertTrue(wf.store().get(id).isEmpty(), id + " was not stored");
        }
    }
}

