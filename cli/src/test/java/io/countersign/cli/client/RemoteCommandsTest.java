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

    @TempDir
    static Path dir;
    static SqliteStore store;
    static CountersignServer server;

    @BeforeAll
    static void start() throws Exception {
        Path policies = Files.createDirectories(dir.resolve("policies"));
        Files.writeString(policies.resolve("p.policy"), "policy production {\n  scope profile matches \"prod-*\"\n"
                + "  default require approval from 1 of group \"sre-leads\"\n  allow unsigned decisions\n}\n");
        Files.writeString(policies.resolve("directory.yaml"), "users:\n  frank: {groups: [engineering], attributes: {}}\n"
                + "  bob: {groups: [sre-leads], attributes: {}}\n");
        store = SqliteStore.open(dir.resolve("server.db"));
        ServerConfig config = ServerConfig.forPolicies(policies).withPort(0).withReloadOnChange(false)
                .withDispatchInterval(Duration.ZERO).withTokens(List.of(
                        new ServerConfig.ApiToken("frank", ApiTokens.sha256(FRANK), List.of("lifecycle"), "frank"),
                        new ServerConfig.ApiToken("bob", ApiTokens.sha256(BOB), List.of("lifecycle"), "bob"),
                        new ServerConfig.ApiToken("gw", ApiTokens.sha256(GATEWAY), List.of("access"), null)));
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

    @Test
    void anUnknownRequestIsBadInputAndAStoreOnlyCommandSaysSo() {
        Result unknown = run(BOB, "deny", "00000000-0000-4000-8000-000000000000", "--rationale", "no");
        assertEquals(2, unknown.code(), unknown.err());
        assertTrue(unknown.err().contains("no request has the id"), unknown.err());
        Result show = run(BOB, "show", "00000000-0000-4000-8000-000000000000");
        assertEquals(2, show.code(), show.err());
        assertTrue(show.err().contains("not on a server"), show.err());
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
