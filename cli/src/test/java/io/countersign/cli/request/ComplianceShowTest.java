package io.countersign.cli.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.cli.Run;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.decision.DecisionKind;
import io.countersign.engine.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code show} prints a decision's {@code complianceCheck} under it, as {@code --output json} carries it:
 * the controls its rules name ({@code complies}) and what was checked — the condition that held, and on
 * a person's final approval every stage's approvals — every text escaped.
 */
class ComplianceShowTest {

    static final String POLICY = """
            policy production {
              scope profile matches "prod-*"
              allow unsigned decisions
              default deny "Not covered"

              rule oncall-readonly {
                complies "SOX-404" "ISO27001-A.9.2"
                when profile == "prod-readonly" and requester in group "oncall"
                then approve
                  cap duration 4h
              }

              rule admin {
                complies "SOX-302"
                when profile == "prod-admin"
                then require approval from 1 of group "sre-leads"
                  cap duration 4h
              }
            }
            """;

    static final String DIRECTORY = """
            users:
              alice: {groups: [sre-leads], attributes: {}}
              frank: {groups: [oncall], attributes: {}}
            """;

    @TempDir
    static Path dir;
    static Path home;
    static Path policies;

    @BeforeAll
    static void write() throws IOException {
        home = dir.resolve("home");
        policies = Files.createDirectories(dir.resolve("policies"));
        Files.writeString(policies.resolve("production.policy"), POLICY);
        Files.writeString(policies.resolve("directory.yaml"), DIRECTORY);
    }

    static Run cs(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--home=" + home);
        all.add("--policies=" + policies);
        return Run.of(all.toArray(String[]::new));
    }

    @Test
    void policysDecisionShowsItsControlsAndTheConditionThatHeld() throws IOException {
        String id = request("prod-readonly");
        Run shown = cs("show", id);
        assertEquals(0, shown.exit(), shown.err());
        String out = shown.out();
        assertTrue(out.contains("\n      controls: SOX-404, ISO27001-A.9.2\n"), out);
        assertTrue(out.contains("\n      checked: rule production/oncall-readonly (SOX-404, ISO27001-A.9.2): profile =="
                + " \"prod-readonly\" and requester in group \"oncall\" held\n"), out);
        JsonNode check = Json.mapper().readTree(Json.mapper().readTree(cs("show", id, "--output", "json").out())
                .path("decisions").get(0).path("complianceCheck").asText());
        assertEquals("SOX-404", check.path("controls").get(0).asText(), "the text shows what the JSON has");
    }

    @Test
    void thePersonsFinalApprovalShowsEveryStageChecked() {
        String id = request("prod-admin");
        Run approved = cs("approve", id, "--as", "alice", "--reason", "Change window");
        assertEquals(0, approved.exit(), approved.err());
        String out = cs("show", id).out();
        String decision = out.substring(out.indexOf("alice  approved"));
        assertTrue(decision.contains("\n      controls: SOX-302\n"), out);
        assertTrue(decision.contains("\n      checked: rule production/admin (SOX-302): profile == \"prod-admin\" held\n"),
                out);
        assertTrue(decision.contains("\n      checked: stage 1, 1 needed: alice (group:sre-leads, unsigned)\n"), out);
        assertTrue(decision.contains("\n      checked: 1 distinct approver, signatures not required\n"), out);
    }

    /** A record's text (a tampered one's too) reaches the terminal escaped, whatever its shape. */
    @Test
    void everyTextOfTheCheckIsEscaped() {
        String hostile = "{\"controls\": [\"SOX-404\\u001b[2J\"], \"rules\": [{\"rule\": \"r\\u202e\", \"controls\":"
                + " [\"SOX-404\\u001b[2J\"], \"undetermined\": \"requester.x\\r\"}], \"approvals\": [{\"stage\": 1,"
                + " \"need\": 1, \"approved_by\": [{\"approver\": \"eve\\u001b]0;\", \"authority\": \"group:x\","
                + " \"signed\": true}]}], \"distinct_approvers\": 1, \"signatures_required\": true}";
        StringBuilder out = new StringBuilder();
        DecisionText.details(decision(hostile), out);
        TrustedLifecycleTest.printable(out.toString());
        assertTrue(out.toString().contains("      controls: SOX-404\\x1B[2J\n"), out.toString());
        assertTrue(out.toString().contains("rule r\\u202E (SOX-404\\x1B[2J): undetermined, requester.x\\r unknown\n"),
                out.toString());
        assertTrue(out.toString().contains("stage 1, 1 needed: eve\\x1B]0; (group:x, signed)\n"), out.toString());
        assertTrue(out.toString().contains("signatures required\n"), out.toString());

        StringBuilder odd = new StringBuilder();
        DecisionText.details(decision("not json\u001b[2J"), odd);
        assertEquals("      compliance: not json\\x1B[2J\n", odd.toString());
        assertFalse(odd.toString().contains("\u001b"));
    }

    private static ApprovalDecision decision(String complianceCheck) {
        Instant at = Instant.parse("2026-03-02T09:00:00Z");
        return ApprovalDecision.builder().decisionId("d-1").requestId("r-1").approver("policy")
                .decision(DecisionKind.APPROVED).decisionDate(at).createdAt(at).complianceCheck(complianceCheck).build();
    }

    private static String request(String profile) {
        Run r = cs("request", "--as", "frank", "--profile", profile, "--duration", "1h", "--justification",
                "Quarterly check", "-q");
        assertEquals(0, r.exit(), r.err());
        return r.out().strip();
    }
}
