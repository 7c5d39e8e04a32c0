package io.countersign.engine.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.countersign.engine.json.Json;
import io.countersign.engine.request.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Both example records of the seed (copied verbatim from shared/seeds/004) read into the model and write back equal. */
class ApprovalDecisionJsonTest {

    static JsonNode seed(String name) throws IOException {
        try (InputStream in = ApprovalDecisionJsonTest.class.getResourceAsStream("/seed/" + name)) {
            return Json.mapper().readTree(in);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"example-1.json", "example-2.json"})
    void seedExamplesRoundTripAsJsonTrees(String name) throws IOException {
        JsonNode original = seed(name);
        ApprovalDecision d = DecisionValidation.validate(Json.mapper().treeToValue(original, ApprovalDecision.class));
        JsonNode written = Json.mapper().valueToTree(d);
        assertEquals(original, written);
        // and through text, as a store would
        String text = Json.mapper().writeValueAsString(d);
        assertEquals(original, Json.mapper().readTree(text));
    }

    @Test
    void seedExampleOneReadsIntoTypedFields() throws IOException {
        ApprovalDecision d = Json.mapper().treeToValue(seed("example-1.json"), ApprovalDecision.class);
        assertEquals(DecisionKind.CONDITIONAL, d.decision());
        assertEquals(ApprovalLevel.FINAL, d.approvalLevel());
        assertEquals(new BigDecimal("0.75"), d.confidenceLevel());
        assertEquals(Boolean.TRUE, d.isActive());
        assertEquals("2024-03-22T00:00:00Z", d.expiryDate().toString());
        assertEquals("OPS-2024-1234", d.metadata().get("ticket"));
        assertTrue(Json.mapper().readTree(d.conditions()).get("require_pair_programming").asBoolean());
    }

    @Test
    void everySeedPropertyIsInTheModel() {
        Set<String> seedProperties = new TreeSet<>(Set.of("decisionId", "requestId", "approver", "decision",
                "decisionDate", "rationale", "approvalLevel", "authoritySource", "conditions", "stipulations",
                "partialGrants", "riskAssessment", "complianceCheck", "precedentIds", "overrides",
                "escalationReason", "delegatedFrom", "reviewRequired", "reviewDate", "expiryDate", "autoRenewable",
                "comments", "confidenceLevel", "consultedParties", "evidenceProvided", "notificationsSent",
                "followUpActions", "isActive", "revocationReason", "auditNotes", "metadata", "createdAt"));
        JsonNode full = Json.mapper().valueToTree(everything());
        Set<String> written = new TreeSet<>();
        for (Iterator<String> it = full.fieldNames(); it.hasNext();) {
            written.add(it.next());
        }
        written.remove("@type");
        assertEquals(seedProperties, written);
    }

    @Test
    void unknownFieldIsRejectedByName() throws IOException {
        String text = "{\"decisionId\":\"d\",\"requestId\":\"r\",\"decision\":\"approved\",\"sneaky\":1}";
        UnrecognizedPropertyException e = assertThrows(UnrecognizedPropertyException.class,
                () -> Json.mapper().readValue(text, ApprovalDecision.class));
        assertEquals("unknown field 'sneaky'", Json.describe(e));
    }

    @Test
    void unknownDecisionValueNamesTheFieldAndTheValues() {
        String text = "{\"decisionId\":\"d\",\"decision\":\"maybe\"}";
        com.fasterxml.jackson.core.JsonProcessingException e = assertThrows(
                com.fasterxml.jackson.core.JsonProcessingException.class,
                () -> Json.mapper().readValue(text, ApprovalDecision.class));
        assertEquals("field 'decision': cannot read \"maybe\" as one of approved, denied, conditional, partial, "
                + "escalated, delegated, revoked", Json.describe(e));
    }

    @Test
    void validationNamesMissingRequiredFieldsAndConfidenceRange() throws IOException {
        ApprovalDecision d = Json.mapper().treeToValue(seed("example-2.json"), ApprovalDecision.class);
        ApprovalDecision noRationale = Json.mapper().readValue(
                Json.mapper().writeValueAsString(d).replace("\"rationale\"", "\"comments2\"").replace(",\"comments2\":", ",\"auditNotes\":"),
                ApprovalDecision.class);
        assertEquals("field 'rationale': is required",
                assertThrows(InvalidRequestException.class, () -> DecisionValidation.validate(noRationale)).getMessage());
        ApprovalDecision tooSure = Json.mapper().readValue(
                Json.mapper().writeValueAsString(d).replace("\"confidenceLevel\":0.9", "\"confidenceLevel\":1.5"),
                ApprovalDecision.class);
        assertEquals("field 'confidenceLevel': must be between 0 and 1",
                assertThrows(InvalidRequestException.class, () -> DecisionValidation.validate(tooSure)).getMessage());
    }

    static ApprovalDecision everything() {
        java.time.Instant t = java.time.Instant.parse("2026-03-02T09:00:00Z");
        return new ApprovalDecision(ApprovalDecision.TYPE, "d", "r", "alice", DecisionKind.APPROVED, t, "why",
                ApprovalLevel.FINAL, "group:sre-leads", "{}", "s", "[]", "{}", "{}", "[]", "[]", "e", "bob", true, t, t,
                false, "c", BigDecimal.ONE, "[]", "{}", "[]", "[]", true, "r", "a", java.util.Map.of("k", "v"), t);
    }
}
