package io.countersign.cli.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.cli.Run;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventType;
import io.countersign.engine.json.Json;
import io.countersign.store.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code followups list} and {@code followups done} on the embedded store, signed: a break-glass grant's
 * follow-up listed, refused to someone who neither asked nor approved, marked done by the requester
 * with evidence, and gone from the list; the completion is a signed event in the request's chain.
 */
class FollowUpsCommandsTest {

    static final String POLICY = """
            policy break-glass {
              scope profile matches "breakglass-*"
              default deny "Break-glass needs a declared incident"
              rule oncall-incident {
                when has context.incident and requester in group "oncall"
                then approve
                  cap duration 1h
                  review after 2d
                  follow up "Add the session to the incident timeline" within 2d
              }
            }
            """;

    static final String DIRECTORY = """
            users:
              alice: {groups: [oncall], attributes: {employment: employee}}
              frank: {groups: [engineering], attributes: {employment: employee}}
            """;

    @TempDir
    static Path dir;
    static Path home;
    static Path policies;

    @BeforeAll
    static void write() throws IOException {
        home = dir.resolve("home");
        policies = Files.createDirectories(dir.resolve("policies"));
        Files.writeString(policies.resolve("break-glass.policy"), POLICY);
        Files.writeString(policies.resolve("directory.yaml"), DIRECTORY);
        for (String user : List.of("alice", "frank")) {
            Run made = cs("keys", "init", "--as", user);
            assertEquals(0, made.exit(), made.err());
        }
    }

    static Run cs(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--home=" + home);
        all.add("--policies=" + policies);
        return Run.of(all.toArray(String[]::new));
    }

    @Test
    void aFollowUpIsListedAndMarkedDoneByTheRequesterWithEvidence() throws IOException {
        Run asked = cs("request", "--as", "alice", "--profile", "breakglass-db", "--duration", "1h", "--ticket",
                "INC-7", "--justification", "The primary is down", "--context", "incident=INC-7", "-q");
        assertEquals(0, asked.exit(), asked.err());
        String id = asked.out().strip() + "/1";

        Run listed = cs("followups", "list");
        assertEquals(0, listed.exit(), listed.err());
        assertTrue(listed.out().startsWith(id + ": Add the session to the incident timeline\n  due "), listed.out());
        assertTrue(listed.out().endsWith(", alice's breakglass-db\n1 follow-up open\n"), listed.out());
        assertEquals("no follow-up overdue\n", cs("followups", "list", "--overdue").out());
        assertEquals("no follow-up open\n", cs("followups", "list", "--as", "frank").out());

        Run frank = cs("followups", "done", id, "--as", "frank", "--evidence", "https://wiki.example.com/INC-7");
        assertEquals(1, frank.exit(), frank.out());
        assertTrue(frank.err().contains("only the requester (alice) and those who approved"), frank.err());
        assertEquals(2, cs("followups", "done", id, "--as", "alice").exit(), "--evidence is required");
        Run badId = cs("followups", "done", "no-such-thing", "--as", "alice", "--evidence", "x");
        assertEquals(2, badId.exit());
        assertTrue(badId.err().contains("not a follow-up id"), badId.err());

        Run done = cs("followups", "done", id, "--as", "alice", "--evidence", "https://wiki.example.com/INC-7",
                "--evidence", "INC-7");
        assertEquals(0, done.exit(), done.err());
        assertEquals("alice marked " + id + " done: Add the session to the incident timeline\n"
                + "  evidence: https://wiki.example.com/INC-7, INC-7\n", done.out());
        Run again = cs("followups", "done", id, "--as", "alice", "--evidence", "again");
        assertEquals(1, again.exit());
        JsonNode left = Json.mapper().readTree(cs("followups", "list", "--output", "json").out());
        assertEquals(0, left.size(), left.toString());

        try (SqliteStore store = SqliteStore.in(home)) {
            List<Event> events = store.history(id.substring(0, id.length() - 2)).orElseThrow().events();
            Event last = events.get(events.size() - 1);
            assertEquals(EventType.FOLLOWUP_DONE, last.type());
            assertTrue(last.data().get("signing").get("signed").asBoolean(), "signed with alice's key");
        }
        Run verified = cs("audit", "verify");
        assertEquals(0, verified.exit(), verified.err() + verified.out());
    }
}
