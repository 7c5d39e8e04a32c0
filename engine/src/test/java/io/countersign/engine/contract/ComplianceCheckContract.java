package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.audit.AuditTrail;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.decision.ApprovalLevel;
import io.countersign.engine.json.Json;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.seal.Sealer;
import io.countersign.engine.signing.SigningKey;
import io.countersign.engine.verify.PolicyJudge;
import io.countersign.engine.workflow.Act;
import io.countersign.engine.workflow.Actor;
import io.countersign.engine.workflow.Terms;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A decision's {@code complianceCheck} (issue 20): a decision a rule makes names the controls the rule's
 * {@code complies} lines name, with what was verified — the condition that held for policy's own
 * decision; for the decision that completes a request people approved, every approval counted and
 * whether it was signed. A rule that names no control leaves it absent. The check is sealed and chained
 * with the decision: an edit in the store is found, and so is one under a rewritten, re-sealed chain.
 * The policies are {@code sox.policy} of {@link TestPolicies}.
 */
public abstract class ComplianceCheckContract extends SealedWorkflowContract {

    static final SigningKey ALICE = SigningKey.generate();

    @Override
    Map<String, SigningKey> signers() {
        return Map.of("alice", ALICE);
    }

    List<AuditTrail.Finding> audit(String id) {
        return new AuditTrail(sealed, keys, PolicyJudge.archive(policies)).verify(id);
    }

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }

    StoredRequest submit(String requester, String profile, Map<String, Object> context) {
        return wf.submit(AccessRequest.builder().id(UUID.randomUUID().toString()).requester(requester)
                .profile(profile).duration(Duration.ofHours(1)).justification("Month-end close").ticket("CHG-7")
                .context(context).build());
    }

    /** frank's posting, approved by alice (signed) and then dave (unsigned, which sox.policy allows). */
    StoredRequest posted() {
        StoredRequest r = submit("frank", "sox-post", Map.of());
        assertEquals(RequestStatus.PENDING, r.status());
        Terms t = Terms.because("totals match the ledger");
        wf.approve(r.id(), "alice", t, ALICE.sign(wf.statement(wf.get(r.id()), "alice", Act.approve(t),
                clock.instant())));
        clock.advance(Duration.ofMinutes(5));
        StoredRequest done = wf.approve(r.id(), "dave", Terms.because("posting approved"));
        assertEquals(RequestStatus.APPROVED, done.status());
        return done;
    }

    ApprovalDecision decisionBy(String id, String approver) {
        return decisions(id).stream().filter(d -> d.approver().equals(approver)).findFirst().orElseThrow();
    }

    @Test
    void anAutoApprovalNamesItsRulesControlsAndTheConditionThatHeld() {
        StoredRequest r = submit("frank", "sox-journal", Map.of("mfa", true));
        assertEquals(RequestStatus.APPROVED, r.status());
        ApprovalDecision d = decisionBy(r.id(), ApprovalDecision.POLICY);
        assertEquals(json("{\"controls\":[\"SOX-404\",\"ISO27001-A.9.2\"],\"rules\":[{\"rule\":\"sox/journal-read\","
                + "\"controls\":[\"SOX-404\",\"ISO27001-A.9.2\"],"
                + "\"condition\":\"profile == \\\"sox-journal\\\" and context.mfa == true\"}]}"),
                json(d.complianceCheck()));
        assertEquals(List.of(), audit(r.id()));
        assertChainIntact(r.id());
    }

    @Test
    void aRuleThatNamesNoControlLeavesTheCheckAbsent() {
        StoredRequest r = submit("frank", "sox-plain", Map.of());
        assertEquals(RequestStatus.APPROVED, r.status());
        ApprovalDecision d = decisionBy(r.id(), ApprovalDecision.POLICY);
        assertNull(d.complianceCheck());
        assertFalse(Json.mapper().valueToTree(d).has("complianceCheck"));
        assertNull(wf.get(r.id()).compliance());
        // MFA missing: the journal rule does not match, the default denies, and names no control either.
        StoredRequest denied = submit("frank", "sox-journal", Map.of());
        assertEquals(RequestStatus.DENIED, denied.status());
        assertNull(decisionBy(denied.id(), ApprovalDecision.POLICY).complianceCheck());
        assertEquals(List.of(), audit(r.id()));
    }

    @Test
    void aDenialThatEnforcesAControlNamesIt() {
        StoredRequest r = submit("carol", "sox-post", Map.of());
        assertEquals(RequestStatus.DENIED, r.status());
        JsonNode check = json(decisionBy(r.id(), ApprovalDecision.POLICY).complianceCheck());
        assertEquals(json("[\"SOX-SOD-1\"]"), check.path("controls"));
        assertEquals("sox/no-contractors", check.path("rules").get(0).path("rule").asText());
        assertEquals("requester.employment == \"contractor\"", check.path("rules").get(0).path("condition").asText());
        assertEquals(List.of(), audit(r.id()));
    }

    @Test
    void theFinalDecisionOfAPersonApprovedRequestNamesTheControlsAndTheApprovalsThatMetThem() {
        StoredRequest done = posted();
        assertEquals(2, done.compliance().get(0).controls().size());
        ApprovalDecision first = decisionBy(done.id(), "alice");
        ApprovalDecision last = decisionBy(done.id(), "dave");
        assertEquals(ApprovalLevel.FINAL, last.approvalLevel());
        // Only the decision that grants claims the controls: an earlier stage meets none alone.
        assertNull(first.complianceCheck());
        JsonNode check = json(last.complianceCheck());
        assertEquals(json("[\"SOX-404\",\"SOX-302\"]"), check.path("controls"));
        assertEquals(json("[{\"rule\":\"sox/journal-post\",\"controls\":[\"SOX-404\",\"SOX-302\"],"
                + "\"condition\":\"profile == \\\"sox-post\\\"\"}]"), check.path("rules"));
        JsonNode approvals = check.path("approvals");
        assertEquals(2, approvals.size(), check.toString());
        assertEquals(1, approvals.get(0).path("need").asInt());
        JsonNode alice = approvals.get(0).path("approved_by").get(0);
        assertEquals("alice", alice.path("approver").asText());
        assertEquals("group:sre-leads", alice.path("authority").asText());
        assertTrue(alice.path("signed").asBoolean(), check.toString());
        JsonNode dave = approvals.get(1).path("approved_by").get(0);
        assertEquals("dave", dave.path("approver").asText());
        assertEquals("user:dave", dave.path("authority").asText());
        assertFalse(dave.path("signed").asBoolean(), check.toString());
        assertEquals(2, check.path("distinct_approvers").asInt());
        assertFalse(check.path("signatures_required").asBoolean());
        assertFalse(check.has("overrides"));
        assertEquals(List.of(), audit(done.id()));
        assertChainIntact(done.id());
    }

    @Test
    void anAppealGrantedAgainstADenialSaysItOverridesTheControlsTheDenialEnforced() {
        StoredRequest r = submit("carol", "sox-post", Map.of());
        String denial = decisionBy(r.id(), ApprovalDecision.POLICY).decisionId();
        wf.escalate(r.id(), Actor.of("carol"), "I cover the close this month");
        StoredRequest done = wf.approve(r.id(), "dave", Terms.because("one month, supervised"));
        assertEquals(RequestStatus.APPROVED, done.status());
        JsonNode check = json(decisionBy(r.id(), "dave").complianceCheck());
        assertEquals(denial, check.path("overrides").asText(), check.toString());
        assertEquals(json("[\"SOX-SOD-1\"]"), check.path("controls"));
        assertEquals(List.of(), audit(r.id()));
    }

    @Test
    void aComplianceCheckEditedInTheStoreIsFound() {
        StoredRequest done = posted();
        ObjectNode stored = raw.decisions(done.id()).stream()
                .filter(d -> d.path("approver").asText().equals("dave")).findFirst().orElseThrow();
        stored.put("complianceCheck", "{\"controls\":[\"SOX-404\",\"SOX-302\",\"PCI-DSS-7.1\"]}");
        raw.writeDecision(done.id(), stored);
        List<AuditTrail.Finding> f = audit(done.id());
        assertFalse(f.isEmpty());
        assertTrue(f.toString().contains("seal does not verify"), f.toString());
    }

    @Test
    void aComplianceCheckRewrittenUnderAResealedChainIsFound() {
        StoredRequest done = posted();
        // An insider with the seal key claims the first approval was signed too, chain and seals redone.
        new Tamperer(raw, new Sealer(seals)).rewrite(done.id(), e -> {
            if (e.path("data").get("decision") instanceof ObjectNode o && o.path("approver").asText().equals("dave")) {
                o.put("complianceCheck", o.path("complianceCheck").asText().replace("\"signed\":false",
                        "\"signed\":true"));
            }
        });
        String found = audit(done.id()).toString();
        assertTrue(found.contains("states another compliance check than its request gives"), found);

        // Policy's own decision is made again from the policy set that made it.
        StoredRequest auto = submit("frank", "sox-journal", Map.of("mfa", true));
        new Tamperer(raw, new Sealer(seals)).rewrite(auto.id(), e -> {
            if (e.path("data").get("decision") instanceof ObjectNode o) {
                o.remove("complianceCheck");
            }
        });
        found = audit(auto.id()).toString();
        assertTrue(found.contains("the decision by policy is not the one the policy set makes"), found);
    }
}
