package io.countersign.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.cli.Main;
import io.countersign.server.CountersignServer;
import io.countersign.server.auth.ApiTokens;
import io.countersign.server.config.ServerConfig;
import io.countersign.store.sqlite.SqliteStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle commands against a real server (--server, COUNTERSIGN_SERVER, COUNTERSIGN_TOKEN): the
 * token says who acts, and the output and exit codes are those of the commands on a store.
 */
class RemoteCommandsTest {

    static final String FRANK = ApiTokens.PREFIX + "remote-frank-000000000000000000000000000000";
    static final String BOB = ApiTokens.PREFIX + "remote-bob-00000000000000000000000000000000";
    static final String GATEWAY = ApiTokens.PREFIX + "remote-gateway-0000000000000000000000000000";
    static final String OPS = ApiTokens.PREFIX + "remote-ops-00000000000000000000000000000000";
    static final String AUDRA = ApiTokens.PREFIX + "remote-audra-000000000000000000000000000000";

    @TempDir
    static Path dir;
    static SqliteStore store;
    static CountersignServer server;

    @BeforeAll
    static void start() throws Exception {
        Path policies = Files.createDirectories(dir.resolve("policies"));
        Files.writeString(policies.resolve("p.policy"), "policy production {\n  scope profile matches \"prod-*\"\n"
                + "  default require approval from 1 of group \"sre-leads\"\n  allow unsigned decisions\n}\n");
        Files.writeString(policies.resolve("signed.policy"), "policy databases {\n  scope profile matches \"db-*\"\n"
                + "  default require approval from 1 of group \"sre-leads\"\n}\n");
        Files.writeString(policies.resolve("ops.policy"), """
                policy ops {
                  scope profile matches "ops-*"
                  default deny "No ops rule covers this profile"
                  rule console {
                    when profile == "ops-console"
                    then require approval
                      from 1 of group "sre-leads"
                      follow up "Attach the change record" within 2d
                  }
                  allow unsigned decisions
                }
                """);
        Files.writeString(policies.resolve("directory.yaml"), "users:\n  frank: {groups: [engineering], attributes: {}}\n"
                + "  bob: {groups: [sre-leads], attributes: {}}\n  audra: {groups: [auditors], attributes: {}}\n");
        // frank's key in the client's home, its public half where the server reads keys.
        StringWriter keyErr = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(keyErr), name -> null, "keys", "init",
                "--as", "frank", "--policies", policies.toString(), "--home", dir.resolve("client-home").toString()),
                keyErr.toString());
        assertEquals(0, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(keyErr), name -> null, "keys", "init",
                "--as", "audra", "--policies", policies.toString(), "--home", dir.resolve("client-home").toString()),
                keyErr.toString());
        store = SqliteStore.open(dir.resolve("server.db"));
        ServerConfig config = ServerConfig.forPolicies(policies).withPort(0).withReloadOnChange(false)
                .withDispatchInterval(Duration.ZERO).withTokens(List.of(
                        new ServerConfig.ApiToken("frank", ApiTokens.sha256(FRANK), List.of("lifecycle"), "frank"),
                        new ServerConfig.ApiToken("bob", ApiTokens.sha256(BOB), List.of("lifecycle"), "bob"),
                        new ServerConfig.ApiToken("audra", ApiTokens.sha256(AUDRA), List.of("lifecycle"), "audra"),
                        new ServerConfig.ApiToken("gw", ApiTokens.sha256(GATEWAY), List.of("access"), null),
                        new ServerConfig.ApiToken("ops", ApiTokens.sha256(OPS), List.of("admin"), null)));
        server = CountersignServer.builder(config).store(store)
                .log(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        store.close();
    }

    record Result(int code, String out, String err) {
    }

    static Result run(String token, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("COUNTERSIGN_SERVER", "http://127.0.0.1:" + server.port());
        env.put("COUNTERSIGN_TOKEN", token);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--home";
        all[args.length + 1] = dir.resolve("client-home").toString();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), env::get, all);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void requestApproveAccessAndListThroughTheServer() {
        Result asked = run(FRANK, "request", "--profile", "prod-admin", "--duration", "1h", "--justification", "deploy", "-q");
        assertEquals(0, asked.code(), asked.err());
        String id = asked.out().strip();
        Result own = run(FRANK, "approve", id, "--output", "json");
        assertEquals(1, own.code(), own.out());
        assertTrue(own.err().contains("\"code\":\"OWN_REQUEST\""), own.err());
        Result approved = run(BOB, "approve", id, "--rationale", "ok");
        assertEquals(0, approved.code(), approved.err());
        assertTrue(approved.out().contains("approved"), approved.out());
        Result again = run(BOB, "approve", id);
        assertEquals(1, again.code(), again.err());
        assertTrue(again.err().startsWith("countersign: refused: "), again.err());
        Result access = run(GATEWAY, "access", "--requester", "frank", "--profile", "prod-admin");
        assertEquals(0, access.code(), access.err());
        assertTrue(access.out().startsWith("allowed until "), access.out());
        Result list = run(FRANK, "list", "--output", "json");
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains(id), list.out());
    }

    /** The remarks travel in the action's body and are kept in the server's decision; a bad confidence is 2 before any call. */
    @Test
    void theDecidersRemarksTravelToTheServer() throws Exception {
        String id = run(FRANK, "request", "--profile", "prod-admin", "--duration", "1h", "--justification", "remarks",
                "-q").out().strip();
        Result bad = run(BOB, "approve", id, "--confidence", "1.5");
        assertEquals(2, bad.code(), bad.out() + bad.err());
        assertTrue(bad.err().contains("--confidence"), bad.err());
        Result approved = run(BOB, "approve", id, "--reason", "ok", "--comment", "Checked the plan", "--confidence",
                "0.7", "--consulted", "dba", "--evidence", "CHG-3");
        assertEquals(0, approved.code(), approved.err());
        com.fasterxml.jackson.databind.JsonNode d = io.countersign.engine.json.Json.mapper()
                .readTree(run(BOB, "show", id, "--output", "json").out()).get("decisions").get(0);
        assertEquals("Checked the plan", d.get("comments").asText(), d.toString());
        assertEquals(0.7, d.get("confidenceLevel").asDouble(), d.toString());
        assertEquals("[\"dba\"]", d.get("consultedParties").asText());
        assertEquals("[\"CHG-3\"]", d.get("evidenceProvided").asText());
    }

    /** An auditor's note through the server, signed over the statement the server serves; show reads it back. */
    @Test
    void anAuditorsNoteIsSignedAndKeptByTheServer() throws Exception {
        String id = run(FRANK, "request", "--profile", "prod-admin", "--duration", "1h", "--justification", "audit",
                "-q").out().strip();
        assertEquals(0, run(BOB, "approve", id, "--rationale", "fine").code());
        Result notAuditor = run(BOB, "audit", "note", id, "--text", "mine");
        assertEquals(1, notAuditor.code(), notAuditor.out() + notAuditor.err());
        Result noted = run(AUDRA, "audit", "note", id, "--as", "audra", "--text", "Checked remotely");
        assertEquals(0, noted.code(), noted.err());
        assertTrue(noted.out().startsWith("audra added an audit note\n"), noted.out());
        com.fasterxml.jackson.databind.JsonNode d = io.countersign.engine.json.Json.mapper()
                .readTree(run(BOB, "show", id, "--output", "json").out()).get("decisions").get(0);
        com.fasterxml.jackson.databind.JsonNode note = io.countersign.engine.json.Json.mapper()
                .readTree(d.get("auditNotes").asText()).get(0);
        assertEquals("Checked remotely", note.get("text").asText(), d.toString());
        assertTrue(note.get("signed").asBoolean(), "signed with audra's key over the server's statement: " + d);
    }

    /** Follow-ups listed and marked done through the server, frank's mark signed over the server's statement. */
    @Test
    void followUpsAreListedAndMarkedDoneThroughTheServer() throws Exception {
        String id = run(FRANK, "request", "--profile", "ops-console", "--duration", "1h", "--justification", "fix",
                "-q").out().strip();
        Result approved = run(BOB, "approve", id, "--rationale", "ok");
        assertEquals(0, approved.code(), approved.err());
        Result listed = run(FRANK, "followups", "list", "--as", "frank");
        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().contains(id + "/1: Attach the change record\n"), listed.out());
        Result done = run(FRANK, "followups", "done", id + "/1", "--as", "frank", "--evidence", "CHG-9");
        assertEquals(0, done.code(), done.err());
        assertTrue(done.out().startsWith("frank marked " + id + "/1 done: Attach the change record\n"), done.out());
        Result again = run(FRANK, "followups", "done", id + "/1", "--as", "frank", "--evidence", "CHG-9");
        assertEquals(1, again.code(), again.out() + again.err());
        assertTrue(run(FRANK, "followups", "list", "--as", "frank").out().contains("no follow-up open"));
        com.fasterxml.jackson.databind.JsonNode events = io.countersign.engine.json.Json.mapper()
                .readTree(run(BOB, "show", id, "--output", "json").out()).get("events");
        com.fasterxml.jackson.databind.JsonNode last = events.get(events.size() - 1);
        assertEquals("followup.done", last.get("type").asText(), last.toString());
        assertTrue(last.get("data").get("signing").get("signed").asBoolean(), "signed with frank's key: " + last);
    }

    @Test
    void anUnknownRequestIsBadInputAndAStoreOnlyCommandSaysSo() {
        Result unknown = run(BOB, "deny", "00000000-0000-4000-8000-000000000000", "--rationale", "no");
        assertEquals(2, unknown.code(), unknown.err());
        assertTrue(unknown.err().contains("no request has the id"), unknown.err());
        Result show = run(BOB, "show", "00000000-0000-4000-8000-000000000000");
        assertEquals(2, show.code(), show.err());
        assertTrue(show.err().contains("no request has the id"), show.err());
        Result export = run(BOB, "store", "export");
        assertEquals(2, export.code(), export.err());
        assertTrue(export.err().contains("not on a server"), export.err());
    }

    @Test
    void showPrintsTheServersRecordAndItsCheckAsOnAStore() {
        String id = run(FRANK, "request", "--profile", "prod-admin", "--duration", "1h", "--justification", "show", "-q")
                .out().strip();
        assertEquals(0, run(BOB, "approve", id, "--rationale", "fine").code());
        Result shown = run(FRANK, "show", id);
        assertEquals(0, shown.code(), shown.err());
        assertTrue(shown.out().startsWith(id + ": approved"), shown.out());
        assertTrue(shown.out().contains("  bob  approved"), shown.out());
        assertTrue(shown.out().contains("request.created"), shown.out());
        assertTrue(shown.out().contains("event chain intact: "), shown.out());
        Result json = run(FRANK, "show", id, "--output", "json");
        assertEquals(0, json.code(), json.err());
        assertTrue(json.out().contains("\"findings\":[]") && json.out().contains("\"decisions\":["), json.out());
    }

    @Test
    void aRecordEditedInTheServersDatabaseIsShownAsNotVerifying() throws Exception {
        String id = run(FRANK, "request", "--profile", "prod-admin", "--duration", "1h", "--justification", "edit", "-q")
                .out().strip();
        assertEquals(0, run(BOB, "approve", id, "--rationale", "fine").code());
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("server.db"));
                java.sql.PreparedStatement write = c.prepareStatement(
                        "UPDATE decisions SET data = replace(data, '\"fine\"', '\"Approved by the CISO\"') WHERE request_id = ?")) {
            write.setString(1, id);
            assertEquals(1, write.executeUpdate());
        }
        Result shown = run(FRANK, "show", id);
        assertEquals(1, shown.code(), shown.out() + shown.err());
        assertTrue(shown.out().contains("DOES NOT VERIFY"), shown.out());
        assertTrue(shown.out().contains("Approved by the CISO"), shown.out());
        assertTrue(!shown.out().contains("event chain intact"), shown.out());
    }

    @Test
    void aSignedSubmissionIsSignedOverTheServersStatementAndAnUnsignedOneIsRefused() {
        Result unsigned = run(FRANK, "request", "--profile", "db-main", "--duration", "1h", "--justification", "x");
        assertEquals(1, unsigned.code(), unsigned.out());
        assertTrue(unsigned.err().startsWith("countersign: refused: "), unsigned.err());
        Result signed = run(FRANK, "request", "--as", "frank", "--profile", "db-main", "--duration", "1h",
                "--justification", "migrate", "--output", "json");
        assertEquals(0, signed.code(), signed.err());
        assertTrue(signed.out().contains("\"status\":\"pending\""), signed.out());
        String id = signed.out().replaceAll("(?s).*?\"id\":\"([^\"]+)\".*", "$1");
        Result shown = run(FRANK, "show", id);
        assertEquals(0, shown.code(), shown.err());
        assertTrue(shown.out().contains("event chain intact: 1 event"), shown.out());
        Result other = run(BOB, "request", "--as", "frank", "--profile", "db-main", "--duration", "1h",
                "--justification", "not mine");
        assertEquals(2, other.code(), other.out());
        assertTrue(other.err().contains("bob may not ask on behalf of frank"), other.err());
    }

    @Test
    void sweepRunsOnTheServerWithAnAdminToken() {
        Result swept = run(OPS, "sweep");
        assertEquals(0, swept.code(), swept.err());
        assertTrue(swept.out().contains("swept: "), swept.out());
        Result json = run(OPS, "sweep", "--output", "json");
        assertEquals(0, json.code(), json.err());
        assertTrue(json.out().startsWith("{\"expired\":["), json.out());
        Result notFor = run(FRANK, "sweep");
        assertEquals(2, notFor.code(), notFor.out());
        assertTrue(notFor.err().contains("403"), notFor.err());
        Result notify = run(OPS, "sweep", "--notify", "webhook");
        assertEquals(2, notify.code(), notify.out());
        assertTrue(notify.err().contains("delivers its own events"), notify.err());
    }

    @Test
    void aServerThatCannotBeReachedIsExit2() {
        Map<String, String> env = Map.of("COUNTERSIGN_SERVER", "http://127.0.0.1:1", "COUNTERSIGN_TOKEN", FRANK);
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), env::get, "request", "--profile",
                "prod-admin", "--duration", "1h", "--home", dir.resolve("client-home").toString());
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains("cannot be reached"), err.toString());
    }
}
