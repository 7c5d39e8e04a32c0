package io.countersign.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.cli.Run;
import io.countersign.cli.notify.Receiver;
import io.countersign.engine.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit note} and what {@code show} reads into a decision afterwards (issue 20): the auditor's
 * signed note and the notifiers that had the decision's events, both escaped on the terminal; who may
 * annotate; and a note's text changed in the database found by {@code audit verify}.
 */
class AuditNoteCommandTest {

    static final String POLICY = """
            policy production {
              scope profile matches "prod-*"
              default require approval from 1 of group "sre-leads"
            }
            """;

    static final String DIRECTORY = """
            users:
              alice: {groups: [sre-leads], attributes: {employment: employee}}
              bob: {groups: [sre-leads, auditors], attributes: {employment: employee}}
              frank: {groups: [engineering], attributes: {employment: employee}}
              oscar: {groups: [auditors], attributes: {employment: employee}}
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
        for (String user : List.of("alice", "bob", "frank", "oscar")) {
            Run made = cs("keys", "init", "--as", user);
            assertEquals(0, made.exit(), made.err());
        }
    }

    static Run cs(String... args) {
        return in(Map.of(), args);
    }

    static Run in(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--home=" + home);
        if (!args[0].equals("show") && !args[0].equals("notify")) {
            all.add("--policies=" + policies);
        }
        return Run.in(env, all.toArray(String[]::new));
    }

    static String approved() throws IOException {
        Run r = cs("request", "--as", "frank", "--profile", "prod-db", "--duration", "1h", "--justification",
                "Look at the slow queries", "-q");
        assertEquals(0, r.exit(), r.err());
        String id = r.out().strip();
        Run a = cs("approve", id, "--as", "alice", "--reason", "ok");
        assertEquals(0, a.exit(), a.err());
        return id;
    }

    @Test
    void anAuditorsNoteAndTheDeliveriesAreShownUnderTheDecisionEscaped() throws Exception {
        String id = approved();
        try (Receiver receiver = new Receiver()) {
            Run sent = in(Map.of("COUNTERSIGN_WEBHOOK_URL", receiver.url(), "COUNTERSIGN_WEBHOOK_SECRET", Receiver.SECRET),
                    "notify", "run", "--notify", "webhook", "--until-idle");
            assertEquals(0, sent.exit(), sent.err() + sent.out());
        }
        Run noted = cs("audit", "note", id, "--as", "oscar", "--text", "Ticket checked\u001b[2J");
        assertEquals(0, noted.exit(), noted.err() + noted.out());
        assertTrue(noted.out().startsWith("oscar added an audit note\n" + id + ": approved\n"), noted.out());

        Run text = cs("show", id, "--policies=" + policies);
        assertEquals(0, text.exit(), text.err() + text.out());
        assertTrue(text.out().contains("      notified: webhook (decision.recorded), "), text.out());
        assertTrue(text.out().contains("webhook (request.approved)\n"), text.out());
        assertTrue(text.out().matches("(?s).*      audit note: \\S+ oscar \\(signed\\): Ticket checked\\\\x1B\\[2J\n.*"),
                text.out());
        assertFalse(text.out().contains("\u001b"), "a note reaches the terminal escaped");
        assertTrue(text.out().contains("audit.noted"), text.out());

        JsonNode d = Json.mapper().readTree(cs("show", id, "--output", "json").out()).get("decisions").get(0);
        assertEquals("Ticket checked\u001b[2J", Json.mapper().readTree(d.get("auditNotes").asText()).get(0)
                .get("text").asText());
        JsonNode sent = Json.mapper().readTree(d.get("notificationsSent").asText());
        assertEquals("webhook", sent.get(0).get("type").asText(), sent.toString());

        Run verified = cs("audit", "verify");
        assertEquals(0, verified.exit(), verified.err() + verified.out());
    }

    @Test
    void whoMayAnnotateAndBadInput() throws IOException {
        String id = approved();
        Run notAuditor = cs("audit", "note", id, "--as", "frank", "--text", "mine is fine");
        assertEquals(1, notAuditor.exit(), notAuditor.err() + notAuditor.out());
        assertTrue(notAuditor.err().contains("only members of the directory's group 'auditors'"), notAuditor.err());
        Run decided = cs("audit", "note", id, "--as", "alice", "--text", "I approved it");
        assertEquals(1, decided.exit(), decided.err());
        Run noText = cs("audit", "note", id, "--as", "oscar");
        assertEquals(2, noText.exit(), noText.err());
        Run noSuchDecision = cs("audit", "note", id, "--as", "oscar", "--text", "x", "--decision", "nope");
        assertEquals(2, noSuchDecision.exit(), noSuchDecision.err());
        assertTrue(noSuchDecision.err().contains("decision"), noSuchDecision.err());
        Run noSuchRequest = cs("audit", "note", "no-such-request", "--as", "oscar", "--text", "x");
        assertEquals(2, noSuchRequest.exit(), noSuchRequest.err());
        String decision = Json.mapper().readTree(cs("show", id, "--output", "json").out()).get("decisions").get(0)
                .get("decisionId").asText();
        Run named = cs("audit", "note", id, "--as", "bob", "--text", "Looked fine", "--decision", decision);
        assertEquals(0, named.exit(), named.err());
    }
}
