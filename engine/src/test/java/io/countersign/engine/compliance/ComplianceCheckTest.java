package io.countersign.engine.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.Authorizer;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.json.Json;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.request.AccessRequest;
import io.countersign.lang.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Policy's own decision record names the controls of its deciding rules (docs/workflow.md
 * "complianceCheck"), on every production path and the reference alike: several rules' controls united,
 * a denial counted fail-closed marked undetermined, nothing at all when no deciding rule names one.
 */
class ComplianceCheckTest {

    static final String POLICY = """
            policy ledger {
              rule read {
                complies "SOX-404" "ISO27001-A.9.2"
                when profile == "ledger" and context.mfa == true
                then approve
              }

              rule logged {
                complies "SOX-404" "SOC2-CC7.2"
                when profile == "ledger"
                then approve
                  stipulate "Queries are logged"
              }

              rule plain {
                when profile == "ledger-plain"
                then approve
              }

              rule no-contractors {
                complies "SOX-SOD-1"
                when requester.employment == "contractor"
                then deny "Contractors may not reach the ledger"
              }
            }
            """;

    static List<Authorizer> authorizers() throws Exception {
        PolicySet set = PolicySet.of(List.of(new SourceFile("ledger.policy", POLICY)));
        return List.of(Authorizer.scanning(set), Authorizer.reference(set));
    }

    static ApprovalDecision record(Authorizer a, String json) throws Exception {
        return a.decideAndRecord(Json.mapper().readValue(json, AccessRequest.class)).record();
    }

    static final String AT = "\"at\": \"2026-03-02T10:00:00Z\"";

    @Test
    void theControlsOfEveryDecidingRuleAreNamedOnceWithTheConditionsThatHeld() throws Exception {
        for (Authorizer a : authorizers()) {
            ApprovalDecision d = record(a, "{\"requester\": \"ann\", \"profile\": \"ledger\", \"duration\": \"1h\","
                    + " \"attributes\": {\"employment\": \"employee\"}, \"context\": {\"mfa\": true}, " + AT + "}");
            assertEquals(Json.mapper().readTree("""
                    {"controls": ["SOX-404", "ISO27001-A.9.2", "SOC2-CC7.2"],
                     "rules": [{"rule": "ledger/read", "controls": ["SOX-404", "ISO27001-A.9.2"],
                                "condition": "profile == \\"ledger\\" and context.mfa == true"},
                               {"rule": "ledger/logged", "controls": ["SOX-404", "SOC2-CC7.2"],
                                "condition": "profile == \\"ledger\\""}]}"""), Json.mapper().readTree(d.complianceCheck()));
        }
    }

    @Test
    void aDenialCountedWithoutItsAttributeSaysWhatWasMissingInsteadOfThatItHeld() throws Exception {
        for (Authorizer a : authorizers()) {
            ApprovalDecision d = record(a, "{\"requester\": \"ann\", \"profile\": \"ledger\", \"duration\": \"1h\", "
                    + AT + "}");
            JsonNode check = Json.mapper().readTree(d.complianceCheck());
            assertEquals(List.of("SOX-SOD-1"), Json.mapper().convertValue(check.path("controls"), List.class));
            assertEquals(1, check.path("rules").size(), check.toString());
            assertEquals("requester.employment", check.path("rules").get(0).path("undetermined").asText(),
                    check.toString());
        }
    }

    @Test
    void noControlNamedMeansNoCheckAtAll() throws Exception {
        for (Authorizer a : authorizers()) {
            ApprovalDecision d = record(a, "{\"requester\": \"ann\", \"profile\": \"ledger-plain\", \"duration\": \"1h\","
                    + " \"attributes\": {\"employment\": \"employee\"}, " + AT + "}");
            assertNull(d.complianceCheck());
            assertEquals(false, Json.mapper().valueToTree(d).has("complianceCheck"));
        }
    }
}
