package io.countersign.engine.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.Authorizer;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.decision.ApprovalLevel;
import io.countersign.engine.decision.DecisionKind;
import io.countersign.engine.json.Json;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.request.AccessRequest;
import io.countersign.lang.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ApprovalDecision a policy writes: every field DATA.md and docs/engine.md promise, and the same bytes for the same inputs. */
class DecisionRecordTest {

    static final String POLICY = """
            policy prod {
              risk contractor +40 when requester.employment == "contractor"
              risk no-ticket  +25 when not has ticket

              rule read {
                when profile == "prod-read"
                then approve
                  cap duration 2h
                  grant only ["read", "list"]
                  review after 7d
                  condition session_recording = true
                  stipulate "Queries are logged"
                  follow up "Confirm the query was needed" within 1d
              }

              rule no-admin {
                when profile == "prod-admin" and requester.employment == "contractor"
                then deny "Contractors may not hold production admin"
                  appeal to group "department-heads"
              }

              rule admin {
                when profile == "prod-admin"
                then require approval from 2 of group "sre-leads"
              }
            }
            """;

    static Authorizer authorizer() throws Exception {
        return Authorizer.of(PolicySet.of(List.of(new SourceFile("prod.policy", POLICY))));
    }

    static AccessRequest request(String json) throws Exception {
        return Json.mapper().readValue(json, AccessRequest.class);
    }

    @Test
    void aPartialGrantRecordsEverythingThePolicySaid() throws Exception {
        Decision d = authorizer().decideAndRecord(request("{\"id\":\"req-1\",\"requester\":\"bob\","
                + "\"attributes\":{\"employment\":\"employee\"},\"profile\":\"prod-read\",\"permissions\":[\"read\",\"write\"],"
                + "\"duration\":\"8h\",\"at\":\"2026-03-02T10:00:00Z\",\"startAt\":\"2026-03-02T12:00:00Z\"}"));
        ApprovalDecision r = d.record();
        assertEquals(Outcome.PARTIAL, d.evaluation().outcome());
        assertEquals(ApprovalDecision.TYPE, r.type());
        assertEquals("req-1", r.requestId());
        assertEquals("policy", r.approver());
        assertEquals(DecisionKind.PARTIAL, r.decision());
        assertEquals(ApprovalLevel.AUTOMATIC, r.approvalLevel());
        assertEquals("policy:prod/read", r.authoritySource());
        assertEquals("Approved by prod/read", r.rationale());
        assertEquals("2026-03-02T10:00:00Z", r.decisionDate().toString());
        assertEquals("{\"session_recording\":true}", r.conditions());
        assertEquals("Queries are logged", r.stipulations());
        assertEquals("[\"read\"]", r.partialGrants());
        JsonNode risk = Json.mapper().readTree(r.riskAssessment());
        assertEquals(25, risk.get("risk_score").asInt());
        assertEquals("prod/no-ticket", risk.get("risk_factors").get(0).asText());
        assertEquals(Boolean.TRUE, r.reviewRequired());
        assertEquals("2026-03-09T10:00:00Z", r.reviewDate().toString());
        // the access window starts at the requested start and lasts the capped duration
        assertEquals("2026-03-02T14:00:00Z", r.expiryDate().toString());
        assertEquals(Boolean.FALSE, r.autoRenewable());
        JsonNode followUps = Json.mapper().readTree(r.followUpActions());
        assertEquals("Confirm the query was needed", followUps.get(0).get("action").asText());
        assertEquals("2026-03-03T10:00:00Z", followUps.get(0).get("due_date").asText());
        assertEquals(Boolean.TRUE, r.isActive());
        assertEquals(d.evaluation().policyVersion(), r.metadata().get("policyVersion"));
        assertTrue(r.decisionId().matches("[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
                r.decisionId());
    }

    @Test
    void aDenialRecordsTheAppealAndAPendingRequestHasNoRecordYet() throws Exception {
        Authorizer a = authorizer();
        Decision denied = a.decideAndRecord(request("{\"requester\":\"carol\",\"attributes\":{\"employment\":"
                + "\"contractor\"},\"profile\":\"prod-admin\",\"duration\":\"1h\",\"ticket\":\"T-1\","
                + "\"at\":\"2026-03-02T10:00:00Z\"}"));
        assertEquals(DecisionKind.DENIED, denied.record().decision());
        assertEquals("The requester may appeal to group:department-heads", denied.record().escalationReason());
        assertNull(denied.record().expiryDate());
        Decision pending = a.decideAndRecord(request("{\"requester\":\"bob\",\"attributes\":{\"employment\":"
                + "\"employee\"},\"profile\":\"prod-admin\",\"duration\":\"1h\",\"at\":\"2026-03-02T10:00:00Z\"}"));
        assertEquals(Outcome.PENDING, pending.evaluation().outcome());
        assertNull(pending.record());
    }

    @Test
    void theSameInputsGiveTheSameBytesAndAnotherRequestAnotherId() throws Exception {
        String json = "{\"requester\":\"bob\",\"attributes\":{\"employment\":\"employee\"},\"profile\":\"prod-read\","
                + "\"permissions\":[\"read\"],\"duration\":\"1h\",\"at\":\"2026-03-02T10:00:00Z\"}";
        String first = Json.mapper().writeValueAsString(authorizer().decideAndRecord(request(json)));
        String second = Json.mapper().writeValueAsString(authorizer().decideAndRecord(request(json)));
        assertEquals(first, second);
        Decision other = authorizer().decideAndRecord(request(json.replace("\"1h\"", "\"2h\"")));
        assertNotEquals(Json.mapper().readTree(first).get("record").get("decisionId").asText(), other.record().decisionId());
        assertNotEquals(Json.mapper().readTree(first).get("evaluation").get("requestId").asText(),
                other.evaluation().requestId());
    }

    @Test
    void aClosedAuthorizerDeniesInsteadOfDeciding() throws Exception {
        Authorizer a = authorizer();
        AccessRequest r = request("{\"requester\":\"bob\",\"attributes\":{\"employment\":\"employee\"},"
                + "\"profile\":\"prod-read\",\"permissions\":[\"read\"],\"duration\":\"1h\",\"at\":\"2026-03-02T10:00:00Z\"}");
        assertEquals(Outcome.CONDITIONAL, a.decide(r).outcome());
        a.close();
        Evaluation after = a.decide(r);
        assertEquals(Outcome.DENIED, after.outcome());
        assertTrue(after.rationale().contains("the policy set was closed"), after.rationale());
    }
}
