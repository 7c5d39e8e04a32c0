package io.countersign.cli.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.cli.Run;
import io.countersign.engine.json.Json;
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
 * The lifecycle commands in-process against the embedded store, as a person would run them one after
 * another: every run opens the store in the home directory and closes it again, so what one command
 * wrote the next one reads. One home for the class; each test works on requests of its own.
 */
class LifecycleCommandsTest {

    static final String POLICY = """
            policy production {
              scope profile matches "prod-*"
              default require approval from 1 of group "sre-leads"

              risk contractor +40 when requester.employment == "contractor"

              rule oncall-readonly {
                when profile == "prod-readonly" and requester in group "oncall"
                then approve
                  cap duration 4h
                  stipulate "Session is recorded"
              }

              rule admin {
                when profile == "prod-admin"
                then require approval
                  from 2 of group "sre-leads"
                  escalate after 30m to group "security-oncall"
                  expire after 24h
                  cap duration 4h
                  condition restricted_operations = ["drop_database"]
              }

              rule contractors-not-admin {
                when requester.employment == "contractor" and profile == "prod-admin"
                then deny "Contractors may not hold production admin"
              }
            }
            """;

    static final String DIRECTORY = """
            users:
              alice: {groups: [sre-leads, oncall], attributes: {employment: employee}}
              bob: {groups: [sre-leads], attributes: {employment: employee}}
              judy: {groups: [sre-leads], attributes: {employment: employee}}
              carol: {groups: [engineering], attributes: {employment: contractor}}
              frank: {groups: [engineering], attributes: {employment: employee}}
              grace: {groups: [security-oncall], attributes: {employment: employee}}
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

    /** The command with this test's home and policies. */
    static Run cs(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--home=" + home);
        if (!args[0].equals("show") && !args[0].equals("store")) {
            all.add("--policies=" + policies);
        }
        long t0 = System.nanoTime();
        Run run = Run.of(all.toArray(String[]::new));
        System.out.printf("%5d ms  countersign %s%n", (System.nanoTime() - t0) / 1_000_000, String.join(" ", args));
        return run;
    }

    static JsonNode json(Run run) throws IOException {
        return Json.mapper().readTree(run.out());
    }

    @Test
    void requestListShowApproveByTwoLeadsAccessRevoke() throws IOException {
        Run submitted = cs("request", "--as", "frank", "--profile", "prod-admin", "--duration", "2h", "--ticket", "CHG-1",
                "--justification", "Rotate the database credentials", "--context", "mfa=true", "--output", "json");
        assertEquals(0, submitted.exit(), submitted.err());
        JsonNode r = json(submitted);
        String id = r.get("id").asText();
        assertEquals("pending", r.get("status").asText());
        assertTrue(r.get("context").get("mfa").isBoolean(), r.toString());

        Run mine = cs("list", "--mine", "--as", "frank");
        assertEquals(0, mine.exit(), mine.err());
        assertTrue(mine.out().contains(id + "  pending  frank"), mine.out());
        Run inbox = cs("list", "--inbox", "--as", "alice");
        assertTrue(inbox.out().contains(id), inbox.out());
        assertTrue(inbox.out().contains("2 of group:sre-leads"), inbox.out());

        Run one = cs("approve", id, "--as", "alice", "--rationale", "On the change calendar");
        assertEquals(0, one.exit(), one.err());
        assertTrue(one.out().startsWith("alice approved: stage 1 of 1 has 1 of 2\n" + id + ": pending\n"), one.out());
        Run pending = cs("access", "--requester", "frank", "--profile", "prod-admin");
        assertEquals(1, pending.exit(), pending.out() + pending.err());
        assertTrue(pending.out().startsWith("pending: request " + id), pending.out());

        Run two = cs("approve", id, "--as", "bob", "--rationale", "Agreed", "--output", "json");
        assertEquals(0, two.exit(), two.err());
        assertEquals("approved", json(two).get("status").asText());
        assertFalse(cs("list", "--inbox", "--as", "alice").out().contains(id));

        Run allowed = cs("access", "--requester", "frank", "--profile", "prod-admin");
        assertEquals(0, allowed.exit(), allowed.out() + allowed.err());
        assertTrue(allowed.out().startsWith("allowed until "), allowed.out());
        assertTrue(allowed.out().contains("approved request " + id), allowed.out());
        assertTrue(allowed.out().contains("conditions: restricted_operations=[drop_database]"), allowed.out());

        Run revoked = cs("revoke", id, "--as", "alice", "--reason", "Rotation done");
        assertEquals(0, revoked.exit(), revoked.err());
        assertTrue(revoked.out().contains(id + ": revoked"), revoked.out());
        Run denied = cs("access", "--requester", "frank", "--profile", "prod-admin", "--output", "json");
        assertEquals(1, denied.exit(), denied.out() + denied.err());
        assertEquals("denied", json(denied).get("access").asText());

        Run shown = cs("show", id, "--output", "json");
        assertEquals(0, shown.exit(), shown.err());
        JsonNode h = json(shown);
        assertEquals(id, h.get("request").get("id").asText());
        assertEquals("revoked", h.get("request").get("status").asText());
        assertEquals(3, h.get("decisions").size());
        assertEquals("request.created", h.get("events").get(0).get("type").asText());
        Run text = cs("show", id);
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("event chain intact: "), text.out());
        assertTrue(text.out().contains("alice  approved"), text.out());
    }

    @Test
    void refusedActionsExitOneAndSayWhy() throws IOException {
        String id = json(cs("request", "--as", "alice", "--profile", "prod-admin", "--duration", "1h", "--justification",
                "Failover drill", "--output", "json")).get("id").asText();
        Run self = cs("approve", id, "--as", "alice");
        assertEquals(1, self.exit(), self.out() + self.err());
        assertTrue(self.err().contains("refused: alice requested this access and may not decide it"), self.err());
        Run notEligible = cs("approve", id, "--as", "frank");
        assertEquals(1, notEligible.exit());
        assertTrue(notEligible.err().contains("frank is not an eligible approver of stage 1 (it needs 2 of group:sre-leads)"),
                notEligible.err());
        Run notYours = cs("cancel", id, "--as", "bob");
        assertEquals(1, notYours.exit());
        assertTrue(notYours.err().contains("only the requester (alice) may cancel"), notYours.err());
        Run cancelled = cs("cancel", id, "--as", "alice");
        assertEquals(0, cancelled.exit(), cancelled.err());
        Run late = cs("deny", id, "--as", "bob", "--rationale", "No");
        assertEquals(1, late.exit());
        assertTrue(late.err().contains("the request is cancelled, not pending"), late.err());
    }

    @Test
    void badInputExitsTwoNamingTheField() {
        Run noActor = cs("request", "--profile", "prod-admin", "--duration", "1h");
        assertEquals(2, noActor.exit());
        assertTrue(noActor.err().contains("--as USER or COUNTERSIGN_USER"), noActor.err());
        Run badDuration = cs("request", "--as", "frank", "--profile", "prod-admin", "--duration", "two hours");
        assertEquals(2, badDuration.exit());
        assertTrue(badDuration.err().contains("'--duration'"), badDuration.err());
        assertTrue(badDuration.err().contains("'two hours' is not a duration"), badDuration.err());
        Run zero = cs("request", "--as", "frank", "--profile", "prod-admin", "--duration", "0s");
        assertEquals(2, zero.exit());
        assertTrue(zero.err().contains("invalid request: field 'duration'"), zero.err());
        Run unknown = cs("show", "no-such-request");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("no request has the id 'no-such-request'"), unknown.err());
        Run unknownAction = cs("approve", "no-such-request", "--as", "alice");
        assertEquals(2, unknownAction.exit());
        Run badCursor = cs("list", "--status", "pending", "--cursor", "nonsense");
        assertEquals(2, badCursor.exit());
        assertTrue(badCursor.err().contains("'--cursor'"), badCursor.err());
        Run badStatus = cs("list", "--status", "approvedd");
        assertEquals(2, badStatus.exit());
        assertTrue(badStatus.err().contains("unknown status 'approvedd'"), badStatus.err());
    }
}
