package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import io.countersign.engine.request.InvalidRequestException;
import io.countersign.engine.seal.Sealer;
import io.countersign.engine.signing.Signature;
import io.countersign.engine.signing.SigningKey;
import io.countersign.engine.signing.Statement.Action;
import io.countersign.engine.verify.PolicyJudge;
import io.countersign.engine.workflow.Act;
import io.countersign.engine.workflow.Actor;
import io.countersign.engine.workflow.RefusedException;
import io.countersign.engine.workflow.Terms;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The decision a person records (issue 20): the one that completes the last stage carries the whole
 * grant it results in — policy's conditions and stipulations with the approvers', follow-ups due from
 * the approval, review, expiry, renewal, the risk assessed at submission with its factors — and every
 * approval and denial carries the decider's remarks (comments, confidence, consulted parties,
 * evidence), covered by their signature. The audit accepts the fuller record and finds a remark changed
 * after signing; statements signed in format 2 and requests stored before risk factors were kept still
 * verify.
 */
public abstract class DecisionRecordContract extends SealedWorkflowContract {

    static final SigningKey ALICE = SigningKey.generate();
    static final SigningKey DAVE = SigningKey.generate();
    static final SigningKey FRANK = SigningKey.generate();

    @Override
    Map<String, SigningKey> signers() {
        return Map.of("alice", ALICE, "dave", DAVE, "frank", FRANK);
    }

    /** frank's signed request to release a payment batch of 5000, without a ticket: two risk factors hold. */
    StoredRequest release() {
        AccessRequest a = AccessRequest.builder().id(UUID.randomUUID().toString()).requester("frank")
                .profile("pay-release").duration(Duration.ofHours(6)).justification("Month-end payment run")
                .context(Map.of("batch", 5000)).build();
        return wf.submit(a, FRANK.sign(wf.submission(a, clock.instant())));
    }

    Signature sign(SigningKey key, String id, Action action, String actor, Terms terms) {
        return key.sign(wf.statement(wf.get(id), actor, Acts.of(action, terms), clock.instant()));
    }

    StoredRequest approve(SigningKey key, String id, String actor, Terms terms) {
        return wf.approve(id, actor, terms, sign(key, id, Action.APPROVE, actor, terms));
    }

    List<AuditTrail.Finding> audit(String id) {
        return new AuditTrail(sealed, keys, PolicyJudge.archive(policies)).verify(id);
    }

    static final Terms ALICES = Terms.because("the batch matches the ledger")
            .withConditions(Map.of("pair_with", "bob")).withStipulations(List.of("Alice watches the run"))
            .withComments("Checked totals against the ledger export").withConfidenceLevel(new BigDecimal("0.75"))
            .withConsultedParties(List.of("security_team", "senior_architect"))
            .withEvidenceProvided(List.of("https://tickets.example/PAY-1", "PAY-1"));

    static final Terms DAVES = Terms.because("approved for month end")
            .withStipulations(List.of("Report totals to finance")).withComments("Close monitoring recommended")
            .withConfidenceLevel(new BigDecimal("0.90")).withConsultedParties(List.of("finance"))
            .withEvidenceProvided(List.of("FIN-42"));

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }

    @Test
    void theFinalDecisionOfATwoStageApprovalCarriesTheWholeGrantAndEveryRemark() {
        StoredRequest r = release();
        assertEquals(RequestStatus.PENDING, r.status());
        assertEquals(2, r.stages().size());
        assertEquals(55, r.risk());
        assertEquals(2, r.riskFactors().size(), r.riskFactors().toString());

        clock.advance(Duration.ofMinutes(10));
        approve(ALICE, r.id(), "alice", ALICES);
        clock.advance(Duration.ofMinutes(20));
        Instant approvedAt = clock.instant();
        StoredRequest done = approve(DAVE, r.id(), "dave", DAVES);
        assertEquals(RequestStatus.APPROVED, done.status());

        List<ApprovalDecision> ds = decisions(r.id());
        ApprovalDecision first = ds.stream().filter(d -> d.approver().equals("alice")).findFirst().orElseThrow();
        ApprovalDecision last = ds.stream().filter(d -> d.approver().equals("dave")).findFirst().orElseThrow();
        assertEquals(ApprovalLevel.FINAL, last.approvalLevel());

        // The final decision: the whole grant, policy's parts and both approvers'.
        assertEquals(json("{\"max_amount\":10000,\"pair_with\":\"bob\"}"), json(last.conditions()));
        assertEquals("Dual control on every payment run; Alice watches the run; Report totals to finance",
                last.stipulations());
        assertEquals(json("[{\"action\":\"Reconcile the batch\",\"due_date\":\""
                + approvedAt.plus(Duration.ofDays(2)) + "\"}]"), json(last.followUpActions()));
        assertEquals(Boolean.TRUE, last.reviewRequired());
        assertEquals(approvedAt.plus(Duration.ofDays(1)), last.reviewDate());
        assertEquals(approvedAt.plus(Duration.ofHours(4)), last.expiryDate());
        assertEquals(done.accessEnd(), last.expiryDate());
        assertEquals(Boolean.TRUE, last.autoRenewable());
        JsonNode risk = json(last.riskAssessment());
        assertEquals(55, risk.path("risk_score").asInt());
        assertEquals(2, risk.path("risk_factors").size(), risk.toString());
        assertTrue(risk.path("risk_factors").toString().contains("no-ticket"), risk.toString());
        assertTrue(risk.path("risk_factors").toString().contains("large-batch"), risk.toString());
        assertEquals(85 - 30, risk.path("weights").path(risk.path("risk_factors").get(0).asText()).asInt()
                + risk.path("weights").path(risk.path("risk_factors").get(1).asText()).asInt());
        // ... and its approver's remarks, in the seed's shapes.
        assertEquals("Close monitoring recommended", last.comments());
        assertEquals(0, new BigDecimal("0.9").compareTo(last.confidenceLevel()));
        assertEquals(json("[\"finance\"]"), json(last.consultedParties()));
        assertEquals(json("[\"FIN-42\"]"), json(last.evidenceProvided()));

        // The first stage's decision holds what alice added, her remarks, and the risk assessed.
        assertEquals(json("{\"pair_with\":\"bob\"}"), json(first.conditions()));
        assertEquals("Alice watches the run", first.stipulations());
        assertNull(first.followUpActions());
        assertEquals("Checked totals against the ledger export", first.comments());
        assertEquals(0, new BigDecimal("0.75").compareTo(first.confidenceLevel()));
        assertEquals(json("[\"security_team\",\"senior_architect\"]"), json(first.consultedParties()));
        assertEquals(json("[\"https://tickets.example/PAY-1\",\"PAY-1\"]"), json(first.evidenceProvided()));
        assertEquals(55, json(first.riskAssessment()).path("risk_score").asInt());

        // The fuller record verifies: seals, chain, signatures over the remarks, policy's first version.
        assertEquals(List.of(), audit(r.id()));
        assertChainIntact(r.id());
        // The seed's JSON shapes read back as the model.
        ApprovalDecision again = Json.mapper().convertValue(Json.mapper().valueToTree(last), ApprovalDecision.class);
        assertEquals(last, again);
    }

    @Test
    void aDenialCarriesItsRemarksAndTheRiskAssessed() {
        StoredRequest r = release();
        Terms t = Terms.because("not this month").withComments("Resubmit with the CFO's endorsement")
                .withConfidenceLevel(new BigDecimal("0.6")).withConsultedParties(List.of("finance"))
                .withEvidenceProvided(List.of("FIN-7"));
        StoredRequest denied = wf.deny(r.id(), Actor.of("alice").signed(sign(ALICE, r.id(), Action.DENY, "alice", t)), t);
        assertEquals(RequestStatus.DENIED, denied.status());
        ApprovalDecision d = decisions(r.id()).get(0);
        assertEquals("Resubmit with the CFO's endorsement", d.comments());
        assertEquals(0, new BigDecimal("0.6").compareTo(d.confidenceLevel()));
        assertEquals(json("[\"finance\"]"), json(d.consultedParties()));
        assertEquals(json("[\"FIN-7\"]"), json(d.evidenceProvided()));
        assertEquals(55, json(d.riskAssessment()).path("risk_score").asInt());
        assertEquals(List.of(), audit(r.id()));
        // A denial changes no grant.
        assertThrows(InvalidRequestException.class, () -> Act.deny(t.withDuration(Duration.ofHours(1))));
    }

    @Test
    void aConfidenceOutsideZeroToOneIsBadInputNamingTheField() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> Terms.because("ok").withConfidenceLevel(new BigDecimal("1.5")));
        assertEquals("confidenceLevel", e.field());
        assertThrows(InvalidRequestException.class, () -> Terms.because("ok").withConfidenceLevel(new BigDecimal("-0.1")));
    }

    @Test
    void changingAnyRemarkAfterSigningIsRefused() {
        StoredRequest r = release();
        Signature signed = sign(ALICE, r.id(), Action.APPROVE, "alice", ALICES);
        for (Terms other : List.of(ALICES.withComments("something else"),
                ALICES.withConfidenceLevel(new BigDecimal("0.99")),
                ALICES.withConsultedParties(List.of("security_team")),
                ALICES.withEvidenceProvided(List.of("PAY-2")),
                ALICES.withComments(null))) {
            RefusedException e = assertThrows(RefusedException.class, () -> wf.approve(r.id(), "alice", other, signed));
            assertTrue(e.getMessage().contains("does not verify"), e.getMessage());
        }
        Terms no = Terms.because("no").withComments("not now");
        Signature denial = sign(ALICE, r.id(), Action.DENY, "alice", no);
        assertThrows(RefusedException.class, () -> wf.deny(r.id(), Actor.of("alice").signed(denial), no.withComments("never")));
        assertTrue(decisions(r.id()).isEmpty());
        // The terms as signed are accepted; 0.750 is the same confidence as 0.75.
        wf.approve(r.id(), "alice", ALICES.withConfidenceLevel(new BigDecimal("0.750")), signed);
        assertEquals(List.of(), audit(r.id()));
    }

    @Test
    void aRemarkChangedInTheStoreAfterSigningIsFoundEvenWithTheChainRewritten() {
        StoredRequest r = release();
        approve(ALICE, r.id(), "alice", ALICES);
        assertEquals(List.of(), audit(r.id()));
        new Tamperer(raw, new Sealer(seals)).rewrite(r.id(), e -> {
            JsonNode d = e.path("data").get("decision");
            if (d instanceof ObjectNode o) {
                o.put("comments", "No concerns at all");
                o.put("confidenceLevel", new BigDecimal("1"));
            }
        });
        String found = audit(r.id()).toString();
        assertTrue(found.contains("does not say what alice signed: the comments differ"), found);
    }

    @Test
    void aFinalDecisionStatingAnotherGrantThanItMadeIsFound() {
        StoredRequest r = release();
        approve(ALICE, r.id(), "alice", ALICES);
        approve(DAVE, r.id(), "dave", DAVES);
        assertEquals(List.of(), audit(r.id()));
        // The record of the grant made rewritten without policy's condition and stipulation, chain and seals redone.
        new Tamperer(raw, new Sealer(seals)).rewrite(r.id(), e -> {
            if (e.path("data").get("decision") instanceof ObjectNode o && o.path("approver").asText().equals("dave")) {
                o.put("conditions", "{\"pair_with\":\"bob\"}");
                o.put("stipulations", "Report totals to finance");
            }
        });
        String found = audit(r.id()).toString();
        assertTrue(found.contains("states another grant than the one it made: its conditions differ"), found);
    }

    @Test
    void aDecisionSignedInStatementFormatTwoStillVerifies() {
        StoredRequest r = release();
        approve(ALICE, r.id(), "alice", Terms.because("ok"));
        // The record as a signer of format 2 left it: the same statement with "v":2, signed by alice.
        new Tamperer(raw, new Sealer(seals)).rewrite(r.id(), e -> resignAsFormatTwo(e.path("data").get("decision")));
        String statement = decisions(r.id()).get(0).metadata().get("signature").toString();
        assertTrue(statement.contains("\"v\":2"), statement);
        assertEquals(List.of(), audit(r.id()));
        // A format-2 statement names no remarks: a decision it signed that records one does not say what was signed.
        new Tamperer(raw, new Sealer(seals)).rewrite(r.id(), e -> {
            if (e.path("data").get("decision") instanceof ObjectNode o) {
                o.put("comments", "added later");
            }
        });
        assertTrue(audit(r.id()).toString().contains("the comments differ"), audit(r.id()).toString());
    }

    private static void resignAsFormatTwo(JsonNode decision) {
        if (!(decision instanceof ObjectNode o)) {
            return;
        }
        ObjectNode signature = (ObjectNode) o.path("metadata").path("signature");
        String statement = signature.path("statement").asText().replace("\"v\":3", "\"v\":2");
        Instant at = Instant.parse(json(statement).path("signedAt").asText());
        signature.put("statement", statement);
        signature.put("value", ALICE.sign(statement, at).value());
    }

    @Test
    void aRequestStoredBeforeRiskFactorsWereKeptStillVerifiesAndIsDecided() {
        StoredRequest r = release();
        new Tamperer(raw, new Sealer(seals)).rewrite(r.id(), e -> {
            ObjectNode req = (ObjectNode) e.path("data").get("request");
            req.remove("riskFactors");
            req.remove("riskUndetermined");
        });
        assertNull(wf.get(r.id()).riskFactors());
        assertEquals(List.of(), audit(r.id()));
        approve(ALICE, r.id(), "alice", Terms.because("ok"));
        StoredRequest done = approve(DAVE, r.id(), "dave", Terms.because("ok"));
        assertEquals(RequestStatus.APPROVED, done.status());
        assertNull(done.riskFactors());
        JsonNode risk = json(decisions(r.id()).get(1).riskAssessment());
        assertEquals(55, risk.path("risk_score").asInt());
        assertEquals(0, risk.path("risk_factors").size());
        assertEquals(List.of(), audit(r.id()));
    }

    @Test
    void theRiskFactorsCannotBeRewrittenUnderAnIntactChain() {
        StoredRequest r = release();
        new Tamperer(raw, new Sealer(seals)).rewrite(r.id(), e -> {
            ObjectNode req = (ObjectNode) e.path("data").get("request");
            req.putArray("riskFactors");
        });
        List<AuditTrail.Finding> f = audit(r.id());
        assertFalse(f.isEmpty());
        assertTrue(f.toString().contains("riskFactors"), f.toString());
    }
}
