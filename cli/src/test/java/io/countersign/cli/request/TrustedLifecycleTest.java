package io.countersign.cli.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.cli.Run;
import io.countersign.cli.Workspace;
import io.countersign.engine.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle commands against what a requester could type to mislead an approver, names the
 * directory does not know, option values that cannot be meant, and a retried submission. One home
 * for the class; each test works on requests of its own.
 */
class TrustedLifecycleTest {

    /** A justification that, printed raw, would forge the stage line, clear the screen and reverse text. */
    static final String FORGED = "Fix\n  stage 1 of 1 waiting: nothing\r\u001b[2J\u0007\u009b31m\u202eevil\u2066\u200bend";

    @TempDir
    static Path dir;
    static Workspace ws;

    @BeforeAll
    static void workspace() throws IOException {
        ws = Workspace.in(dir);
    }

    static Run cs(String... args) {
        return ws.decide(Map.of(), args);
    }

    /** No raw control, bidi or invisible character in what a person reads. */
    static void printable(String text) {
        text.codePoints().forEach(cp -> assertTrue(cp == '\n' || !io.countersign.lang.text.Escape.unsafe(cp),
                () -> String.format("raw U+%04X in:%n%s", cp, text)));
    }

    @Test
    void aRequestersTextCannotForgeWhatAnApproverReads() throws IOException {
        Run submitted = cs("request", "--as", "frank", "--profile", "prod-admin", "--duration", "1h", "--ticket",
                "CHG-1\u001b]0;owned\u0007", "--justification", FORGED);
        assertEquals(0, submitted.exit(), submitted.err());
        printable(submitted.out());
        String id = submitted.out().substring(0, submitted.out().indexOf(':'));

        Run shown = ws.run(Map.of(), "show", id);
        assertEquals(0, shown.exit(), shown.err());
        printable(shown.out());
        assertTrue(shown.out().contains("  frank asks for prod-admin for 1h, ticket CHG-1\\x1B]0;owned\\x07: Fix\\n  stage 1"
                + " of 1 waiting: nothing\\r\\x1B[2J\\x07\\x9B31m\\u202Eevil\\u2066\\u200Bend\n"), shown.out());
        // the only stage line is the real one
        assertEquals(1, shown.out().lines().filter(l -> l.startsWith("  stage 1 of 1")).count(), shown.out());

        Run inbox = cs("list", "--inbox", "--as", "alice");
        assertEquals(0, inbox.exit(), inbox.err());
        printable(inbox.out());
        assertTrue(inbox.out().contains(id), inbox.out());

        // JSON stays exact: the value read back is what was written
        JsonNode json = Json.mapper().readTree(ws.run(Map.of(), "show", id, "--output", "json").out());
        assertEquals(FORGED, json.get("request").get("justification").asText());

        Run denied = cs("deny", id, "--as", "alice", "--reason", "No\u001b[1A\rapproved by everyone");
        assertEquals(0, denied.exit(), denied.err());
        printable(denied.out());
        Run history = ws.run(Map.of(), "show", id);
        printable(history.out());
        assertTrue(history.out().contains("No\\x1B[1A\\rapproved by everyone"), history.out());
    }

    @Test
    void namesTheDirectoryDoesNotKnowAreRefused() throws IOException {
        Run mallory = cs("request", "--as", "mallory", "--profile", "prod-admin", "--duration", "1h");
        assertEquals(2, mallory.exit(), mallory.out());
        assertTrue(mallory.err().contains("no user 'mallory' in the policies' directory.yaml"), mallory.err());
        Run access = cs("access", "--requester", "mallory", "--profile", "prod-admin");
        assertEquals(2, access.exit(), access.out());
        assertTrue(access.err().contains("no user 'mallory'"), access.err());
        Run inbox = cs("list", "--inbox", "--as", "mallory");
        assertEquals(2, inbox.exit(), inbox.out());

        String id = ws.request(null);
        Run approve = cs("approve", id, "--as", "mallory");
        assertEquals(2, approve.exit(), approve.out());
        assertTrue(approve.err().contains("no user 'mallory'"), approve.err());
        Run delegate = cs("delegate", id, "--as", "alice", "--to", "mallory");
        assertEquals(2, delegate.exit(), delegate.out());
        assertTrue(delegate.err().contains("Invalid value for option '--to': no user 'mallory'"), delegate.err());

        // A policy directory without directory.yaml knows no one: an error, not a silent stranger.
        Path bare = Files.createDirectories(dir.resolve("bare"));
        Files.copy(ws.policies().resolve("production.policy"), bare.resolve("production.policy"));
        Run none = ws.run(Map.of(), "request", "--as", "frank", "--profile", "prod-admin", "--duration", "1h",
                "--policies", bare.toString());
        assertEquals(2, none.exit(), none.out());
        assertTrue(none.err().contains("has no directory.yaml"), none.err());
    }

    @Test
    void optionValuesThatCannotBeMeantAreRefusedByName() {
        Run noKey = cs("request", "--as", "frank", "--profile", "prod-admin", "--duration", "1h", "--context", "=true");
        assertEquals(2, noKey.exit(), noKey.out());
        assertTrue(noKey.err().contains("'--context': '=true' has no key"), noKey.err());
        Run past = cs("request", "--as", "frank", "--profile", "prod-admin", "--duration", "1h", "--start-at",
                "2020-01-01T00:00:00Z");
        assertEquals(2, past.exit(), past.out());
        assertTrue(past.err().contains("'--start-at': 2020-01-01T00:00:00Z is in the past"), past.err());
        Run far = cs("request", "--as", "frank", "--profile", "prod-admin", "--duration", "1h", "--start-at",
                "+999999999-12-31T23:59:59Z");
        assertEquals(2, far.exit(), far.out());
        assertTrue(far.err().contains("outside the years 1 to 9999"), far.err());
        Run at = cs("access", "--requester", "frank", "--profile", "prod-admin", "--at", "+999999999-12-31T23:59:59Z");
        assertEquals(2, at.exit(), at.out());
        assertTrue(at.err().contains("outside the years 1 to 9999"), at.err());
        assertFalse(at.err().contains("DateTimeException"), at.err());
    }

    @Test
    void aRetriedRequestWithItsIdIsStoredOnce() throws IOException {
        String id = UUID.randomUUID().toString();
        String[] request = {"request", "--as", "frank", "--profile", "prod-db", "--duration", "1h", "--justification",
            "Nightly export", "--id", id, "-q"};
        Run first = cs(request);
        assertEquals(0, first.exit(), first.err());
        assertEquals(id, first.out().strip());
        Run retry = cs(request);
        assertEquals(0, retry.exit(), retry.err());
        assertEquals(id, retry.out().strip());
        JsonNode mine = Json.mapper().readTree(cs("list", "--profile", "prod-db", "--output", "json").out());
        assertEquals(1, mine.get("items").size(), mine.toString());

        Run other = cs("request", "--as", "frank", "--profile", "prod-db", "--duration", "2h", "--justification",
                "Nightly export", "--id", id);
        assertEquals(1, other.exit(), other.out());
        assertTrue(other.err().contains("a different request with the id '" + id + "' exists"), other.err());
        Run notUuid = cs("request", "--as", "frank", "--profile", "prod-db", "--duration", "1h", "--id", "x\u001b");
        assertEquals(2, notUuid.exit(), notUuid.out());
        assertTrue(notUuid.err().contains("is not a UUID"), notUuid.err());
    }

    @Test
    void listFiltersCombine() throws IOException {
        String pendingAdmin = ws.request(null);
        String approvedAdmin = ws.request("alice");
        Run other = cs("request", "--as", "frank", "--profile", "prod-logs", "--duration", "1h", "--justification",
                "Read the logs", "-q");
        assertEquals(0, other.exit(), other.err());
        String pendingLogs = other.out().strip();

        JsonNode both = Json.mapper().readTree(cs("list", "--status", "pending", "--profile", "prod-admin", "--limit",
                "1000", "--output", "json").out());
        java.util.List<String> ids = new java.util.ArrayList<>();
        both.get("items").forEach(i -> {
            assertEquals("pending", i.get("status").asText());
            assertEquals("prod-admin", i.get("profile").asText());
            ids.add(i.get("id").asText());
        });
        assertTrue(ids.contains(pendingAdmin), ids.toString());
        assertFalse(ids.contains(approvedAdmin) || ids.contains(pendingLogs), ids.toString());

        // a page of one, filtered, still leads to the rest
        Run first = cs("list", "--requester", "frank", "--status", "pending", "--limit", "1");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("more: --cursor "), first.out());

        Run conflicting = cs("list", "--inbox", "--as", "alice", "--status", "approved");
        assertEquals(2, conflicting.exit(), conflicting.out());
    }
}
