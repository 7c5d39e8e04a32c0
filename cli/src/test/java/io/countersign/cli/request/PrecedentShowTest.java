package io.countersign.cli.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.cli.Run;
import io.countersign.cli.Workspace;
import io.countersign.engine.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an approver reads of a request's precedents: {@code show} counts them and lists each (when, what,
 * by whom, which request, why: escaped), {@code list --inbox} counts them; the environment sets how many
 * are sought, and a bad setting is bad input.
 */
class PrecedentShowTest {

    @TempDir
    static Path dir;
    static Workspace ws;
    static String approved;
    static String denied;
    static String asked;

    @BeforeAll
    static void history() throws IOException {
        ws = Workspace.in(dir);
        approved = ws.request("alice");
        denied = ws.request(null);
        Run d = ws.decide(Map.of(), "deny", denied, "--as", "bob", "--reason", "No\u001b[2J\rfine, approved by all");
        assertEquals(0, d.exit(), d.err());
        asked = ws.request(null);
    }

    @Test
    void showCountsThePrecedentsAndSaysWhoDecidedEachAndWhyEscaped() throws IOException {
        Run shown = ws.run(Map.of(), "show", asked);
        assertEquals(0, shown.exit(), shown.err());
        TrustedLifecycleTest.printable(shown.out());
        String out = shown.out();
        assertTrue(out.contains("\nprecedents: 2 similar requests: 1 approved, 1 denied\n"), out);
        int at = out.indexOf("precedents:");
        String[] lines = out.substring(at).lines().toArray(String[]::new);
        assertTrue(lines[1].matches("  \\S+Z  denied     by bob    " + denied + ": No\\\\x1B\\[2J\\\\rfine, approved by all"),
                lines[1]);
        assertTrue(lines[2].matches("  \\S+Z  approved   by alice  " + approved + ": On the change calendar"), lines[2]);
        assertTrue(out.indexOf("precedents:") < out.indexOf("decisions:") || !out.contains("decisions:"), out);

        JsonNode json = Json.mapper().readTree(ws.run(Map.of(), "show", asked, "--output", "json").out());
        assertEquals(denied, json.path("request").path("precedents").get(0).path("requestId").asText());
        assertEquals("No\u001b[2J\rfine, approved by all",
                json.path("request").path("precedents").get(0).path("rationale").asText(), "JSON stays exact");
    }

    @Test
    void theInboxCountsThem() {
        Run inbox = ws.decide(Map.of(), "list", "--inbox", "--as", "alice");
        assertEquals(0, inbox.exit(), inbox.err());
        TrustedLifecycleTest.printable(inbox.out());
        assertTrue(inbox.out().lines().findFirst().orElseThrow().contains("PRECEDENTS"), inbox.out());
        String row = inbox.out().lines().filter(l -> l.startsWith(asked)).findFirst().orElseThrow();
        assertTrue(row.contains("1 approved, 1 denied"), row);
        Run mine = ws.decide(Map.of(), "list", "--as", "frank");
        assertFalse(mine.out().contains("PRECEDENTS"), "only the approver's view: " + mine.out());
    }

    @Test
    void theEnvironmentSetsHowManyAreSought() throws IOException {
        Run none = ws.decide(Map.of("COUNTERSIGN_PRECEDENTS", "0"), "request", "--as", "frank", "--profile",
                "prod-admin", "--duration", "1h", "--justification", "again", "-q");
        assertEquals(0, none.exit(), none.err());
        Run shown = ws.run(Map.of(), "show", none.out().strip());
        assertFalse(shown.out().contains("precedents:"), shown.out());

        Run one = ws.decide(Map.of("COUNTERSIGN_PRECEDENTS", "1"), "request", "--as", "frank", "--profile",
                "prod-admin", "--duration", "1h", "--justification", "again", "-q");
        assertEquals(0, one.exit(), one.err());
        assertTrue(ws.run(Map.of(), "show", one.out().strip()).out().contains("precedents: 1 similar request: 0 approved,"
                + " 1 denied"));

        Run bad = ws.decide(Map.of("COUNTERSIGN_PRECEDENT_WINDOW", "soon"), "request", "--as", "frank", "--profile",
                "prod-admin", "--duration", "1h", "--justification", "again");
        assertEquals(2, bad.exit(), bad.out());
        assertTrue(bad.err().contains("COUNTERSIGN_PRECEDENT_WINDOW"), bad.err());
        assertFalse(bad.err().contains("Exception"), bad.err());
    }
}
