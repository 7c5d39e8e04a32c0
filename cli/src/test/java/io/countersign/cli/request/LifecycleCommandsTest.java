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
        // Everyone who decides signs: the policy does not allow unsigned decisions.
        for (String user : List.of("alice", "bob", "judy", "frank", "grace", "carol")) {
            Run made = cs("keys", "init", "--as", user);
            assertEquals(0, made.exit(), made.err());
        }
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

    /** An approver's remarks — comment, confidence, consulted, evidence — signed, stored and shown (escaped). */
    @Test
    void theDecidersRemarksAreSignedStoredAndShown() throws IOException {
        String id = json(cs("request", "--as", "grace", "--profile", "prod-admin", "--duration", "1h", "--justification",
                "Failover drill", "--output", "json")).get("id").asText();
        Run bad = cs("approve", id, "--as", "alice", "--confidence", "1.5");
        assertEquals(2, bad.exit(), bad.out() + bad.err());
        assertTrue(bad.err().contains("--confidence"), bad.err());
        // Said as given: in plain digits this one is a billion of them, the other a billion places.
        for (String huge : new String[] {"1e999999999", "1e-999999999"}) {
            Run big = cs("approve", id, "--as", "alice", "--confidence", huge);
            assertEquals(2, big.exit(), big.out() + big.err());
            assertTrue(big.err().length() < 1000, big.err().length() + " characters");
            assertTrue(big.err().contains("onfidence"), big.err());
        }
        Run word = cs("deny", id, "--as", "alice", "--reason", "no", "--confidence", "high");
        assertEquals(2, word.exit(), word.out() + word.err());
        assertTrue(word.err().contains("--confidence"), word.err());

        Run one = cs("approve", id, "--as", "alice", "--reason", "Drill is scheduled", "--comment",
                "Watch the replica lag\u001b[2J", "--confidence", "0.8", "--consulted", "security_team", "--consulted",
                "dba", "--evidence", "https://tickets.example/CHG-9", "--evidence", "CHG-9");
        assertEquals(0, one.exit(), one.err());
        Run two = cs("approve", id, "--as", "bob", "--reason", "ok", "--confidence", "1", "--stipulation", "Pair up");
        assertEquals(0, two.exit(), two.err());

        JsonNode h = json(cs("show", id, "--output", "json"));
        JsonNode first = h.get("decisions").get(0);
        assertEquals("Watch the replica lag\u001b[2J", first.get("comments").asText());
        assertEquals(0.8, first.get("confidenceLevel").asDouble());
        assertEquals("[\"security_team\",\"dba\"]", first.get("consultedParties").asText());
        assertEquals("[\"https://tickets.example/CHG-9\",\"CHG-9\"]", first.get("evidenceProvided").asText());
        assertTrue(first.get("metadata").get("signature").get("statement").asText().contains("\"comments\""), first.toString());
        JsonNode last = h.get("decisions").get(1);
        assertEquals(1, last.get("confidenceLevel").asInt());
        // the final decision carries the whole grant: policy's condition with bob's stipulation
        assertTrue(last.get("conditions").asText().contains("restricted_operations"), last.toString());
        assertEquals("Pair up", last.get("stipulations").asText());
        assertEquals(0, h.get("findings").size(), h.get("findings").toString());

        Run text = cs("show", id);
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("      comments: Watch the replica lag\\x1B[2J\n"), text.out());
        assertFalse(text.out().contains("\u001b"), "a comment reaches the terminal escaped");
        assertTrue(text.out().contains("      confidence: 0.8\n"), text.out());
        assertTrue(text.out().contains("      consulted: security_team, dba\n"), text.out());
        assertTrue(text.out().contains("      evidence: https://tickets.example/CHG-9, CHG-9\n"), text.out());

        String other = json(cs("request", "--as", "grace", "--profile", "prod-admin", "--duration", "1h",
                "--justification", "Second drill", "--output", "json")).get("id").asText();
        Run denied = cs("deny", other, "--as", "alice", "--reason", "Not today", "--comment", "Try Friday",
                "--confidence", "0.9", "--consulted", "judy", "--evidence", "CHG-10");
        assertEquals(0, denied.exit(), denied.err());
        JsonNode d = json(cs("show", other, "--output", "json")).get("decisions").get(0);
        assertEquals("Try Friday", d.get("comments").asText());
        assertEquals("[\"judy\"]", d.get("consultedParties").asText());
        assertEquals("[\"CHG-10\"]", d.get("evidenceProvided").asText());
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

    /** With --output json an error is one JSON line on stderr: the refusal's stable code, or the field at fault. */
    @Test
    void jsonErrorsCarryTheRefusalCodeAndTheField() throws IOException {
        String id = json(cs("request", "--as", "alice", "--profile", "prod-admin", "--duration", "1h", "--justification",
                "Failover drill", "--output", "json")).get("id").asText();
        Run self = cs("approve", id, "--as", "alice", "--output", "json");
        assertEquals(1, self.exit(), self.out() + self.err());
        JsonNode own = Json.mapper().readTree(self.err());
        assertEquals("refused", own.get("error").asText());
        assertEquals("OWN_REQUEST", own.get("code").asText());
        assertTrue(own.get("message").asText().contains("may not decide it"), self.err());
        Run stranger = cs("approve", id, "--as", "frank", "--output", "json");
        assertEquals("NOT_ELIGIBLE", Json.mapper().readTree(stranger.err()).get("code").asText(), stranger.err());
        Run zero = cs("request", "--as", "frank", "--profile", "prod-admin", "--duration", "0s", "--output", "json");
        assertEquals(2, zero.exit());
        JsonNode invalid = Json.mapper().readTree(zero.err());
        assertEquals("invalid-request", invalid.get("error").asText());
        assertEquals("duration", invalid.get("field").asText());
        Run unknown = cs("approve", "no-such-request", "--as", "alice", "--output", "json");
        assertEquals(2, unknown.exit());
        assertEquals("unknown-request", Json.mapper().readTree(unknown.err()).get("error").asText(), unknown.err());
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

    @Test
    void delegateEscalateDenyAndSweep() throws IOException {
        Run quiet = cs("request", "--as", "frank", "--profile", "prod-admin", "--duration", "1h", "-q");
        assertEquals(0, quiet.exit(), quiet.err());
        String id = quiet.out().strip();
        assertFalse(id.contains(" "), quiet.out());

        Run escalated = cs("escalate", id, "--as", "frank", "--reason", "Outage, the leads are asleep");
        assertEquals(0, escalated.exit(), escalated.err());
        assertTrue(escalated.out().contains("or group:security-oncall (escalated)"), escalated.out());
        assertTrue(cs("list", "--inbox", "--as", "grace").out().contains(id));

        Run delegated = cs("delegate", id, "--as", "alice", "--to", "carol");
        assertEquals(0, delegated.exit(), delegated.err());
        assertTrue(delegated.out().startsWith("alice delegated their place to carol\n"), delegated.out());
        Run byDelegate = cs("approve", id, "--as", "carol", "--output", "json");
        assertEquals(0, byDelegate.exit(), byDelegate.err());
        JsonNode approval = json(byDelegate).get("stages").get(0).get("approvals").get(0);
        assertEquals("carol", approval.get("approver").asText());
        assertEquals("alice", approval.get("onBehalfOf").asText());

        Run denied = cs("deny", id, "--as", "judy", "--rationale", "Not during the release");
        assertEquals(0, denied.exit(), denied.err());
        assertTrue(denied.out().contains("why: Denied by judy: Not during the release"), denied.out());
        Run noRationale = cs("deny", id, "--as", "judy");
        assertEquals(2, noRationale.exit());
        assertTrue(noRationale.err().contains("--reason"), noRationale.err());

        Run swept = cs("sweep", "--output", "json");
        assertEquals(0, swept.exit(), swept.err());
        JsonNode report = json(swept);
        for (String list : List.of("expired", "escalated", "ended", "reviewsDue")) {
            assertTrue(report.get(list).isArray(), report.toString());
        }
        Run text = cs("sweep");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().endsWith("swept: 0 expired, 0 escalated, 0 ended, 0 reviews due\n"), text.out());
    }

    @Test
    void requestApprovedAtOnceAndListsPageByCursor() throws IOException {
        Run first = cs("request", "--as", "alice", "--profile", "prod-readonly", "--duration", "PT1H", "--output", "json");
        Run second = cs("request", "--as", "alice", "--profile", "prod-readonly", "--duration", "30m");
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.out().contains(": approved at once by production/oncall-readonly\n"), second.out());
        assertTrue(second.out().contains("stipulations: Session is recorded"), second.out());
        assertEquals("approved", json(first).get("status").asText());

        Run page1 = cs("list", "--profile", "prod-readonly", "--limit", "1", "--output", "json");
        assertEquals(0, page1.exit(), page1.err());
        JsonNode p1 = json(page1);
        assertEquals(1, p1.get("items").size());
        String next = p1.get("next").asText();
        Run page2 = cs("list", "--profile", "prod-readonly", "--limit", "1", "--cursor", next);
        assertEquals(0, page2.exit(), page2.err());
        assertTrue(page2.out().contains(json(first).get("id").asText()), page2.out());
        assertFalse(page2.out().contains(p1.get("items").get(0).get("id").asText()), page2.out());
        Run tooMany = cs("list", "--profile", "prod-readonly", "--limit", "0");
        assertEquals(2, tooMany.exit());
        assertTrue(tooMany.err().contains("'--limit'"), tooMany.err());
    }

    @Test
    void policyErrorsAreBadInputWithTheirPlace() throws IOException {
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(broken.resolve("p.policy"), "policy p {\n  rule r {\n    when user.name == \"x\"\n    then approve\n  }\n}\n");
        Files.writeString(broken.resolve("directory.yaml"), DIRECTORY);
        Run run = Run.of("request", "--as", "frank", "--profile", "prod-admin", "--duration", "1h", "--home", home.toString(),
                "--policies", broken.toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("p.policy:3:10: error: unknown attribute 'user'"), run.err());
        Run missing = Run.of("sweep", "--home", home.toString(), "--policies", dir.resolve("nowhere").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("'--policies'"), missing.err());
        // show checks a record against the policy directory: a broken one is said for a record it holds,
        // and an id the store does not hold is said as that, without waiting for the directory.
        Run submitted = cs("request", "--as", "judy", "--profile", "prod-broken-check", "--duration", "1h", "--ticket", "CHG-3",
                "--justification", "Checked against broken policies", "--quiet");
        assertEquals(0, submitted.exit(), submitted.err());
        Run shown = Run.of("show", submitted.out().strip(), "--home", home.toString(), "--policies", broken.toString());
        assertEquals(2, shown.exit());
        assertTrue(shown.err().contains("p.policy:3:10: error: unknown attribute 'user'") && shown.out().isEmpty(),
                shown.out() + shown.err());
        Run unknown = Run.of("show", "no-such-request", "--home", home.toString(), "--policies", broken.toString());
        assertEquals(2, unknown.exit());
        assertEquals("countersign: no request has the id 'no-such-request'\n", unknown.err());
    }

    /** Commands on one home run side by side: nothing waits for another command's open store, no lock file. */
    @Test
    void commandsOnOneHomeDoNotWaitForEachOther(@TempDir Path other) throws Exception {
        try (Session held = Session.reading(new io.countersign.cli.store.Location.Embedded(other.toAbsolutePath()))) {
            java.util.concurrent.CompletableFuture<Run> init = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> Run.of("store", "init", "--home", other.toString()));
            Run done = init.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(0, done.exit(), done.err());
            assertEquals("the embedded store " + other.resolve("countersign.db") + " exists: nothing to do\n", done.out());
            Run shown = Run.of("show", "no-such-request", "--home", other.toString());
            assertEquals(2, shown.exit());
            assertEquals("countersign: no request has the id 'no-such-request'\n", shown.err());
            assertTrue(held.store().get("no-such-request").isEmpty());
        }
        try (var files = Files.list(other)) {
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            assertTrue(names.contains("countersign.db")
                    && names.stream().allMatch(n -> n.startsWith("countersign.db") || n.equals("lib")
                            || n.equals("seal.keys")),
                    "the database, its WAL files, the native library and the seal's keys, no lock file: " + names);
        }
    }

    @Test
    void storeInitSaysWhenTheStoreExistsAndTheHomeMayComeFromAProperty(@TempDir Path other) throws IOException {
        String before = System.getProperty("countersign.home");
        System.setProperty("countersign.home", other.toString());
        try {
            Run created = Run.of("store", "init");
            assertEquals(0, created.exit(), created.err());
            assertEquals("created the embedded store " + other.resolve("countersign.db") + "\n", created.out());
            Run again = Run.of("store", "init", "--output", "json");
            assertEquals(0, again.exit(), again.err());
            assertFalse(json(again).get("created").asBoolean(), again.out());
            assertEquals(other.resolve("countersign.db").toString(), json(again).get("where").asText());
            assertTrue(Files.exists(other.resolve("countersign.db")));
        } finally {
            if (before == null) {
                System.clearProperty("countersign.home");
            } else {
                System.setProperty("countersign.home", before);
            }
        }
    }
}
