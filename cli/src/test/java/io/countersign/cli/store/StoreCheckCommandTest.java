package io.countersign.cli.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.cli.Run;
import io.countersign.engine.json.Json;
import io.countersign.engine.store.check.StoreContractCheck;
import io.countersign.store.dynamodb.testserver.PerClassServer;
import io.countersign.store.dynamodb.testserver.StrictDynamoTestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code countersign store check} against a DynamoDB endpoint: the strict test server, a lax one, and none. */
class StoreCheckCommandTest {

    @RegisterExtension
    static final PerClassServer server = new PerClassServer();

    @TempDir
    Path home;



    /** A shared store's writes are sealed with a key from the environment: the check's records too. */
    private static final Map<String, String> SEALED = Map.of("COUNTERSIGN_SEAL_KEY",
            "check:" + java.util.Base64.getEncoder().encodeToString(new byte[32]));

    private Run run(String... args) {
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--home=" + home;
        return Run.in(SEALED, all);
    }

    private Run initAndCheck(StrictDynamoTestServer on, String table, String... more) {
        String endpoint = "--dynamodb-endpoint=" + on.endpoint();
        Run init = run("store", "init", endpoint, "--table", table);
        assertEquals(0, init.exit(), init.err());
        String[] args = {"store", "check", endpoint, "--table", table};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return run(all);
    }

    @Test
    void everyCheckPassesOnTheStrictServer() {
        Run check = initAndCheck(server.get(), "checked");
        assertEquals(0, check.exit(), check.out() + check.err());
        String[] lines = check.out().strip().split("\n");
        assertTrue(lines[0].startsWith("checking table 'checked' at " + server.endpoint()), lines[0]);
        int n = StoreContractCheck.names().size();
        assertEquals(n + 3, lines.length, check.out());
        assertEquals("ok    indexes: the 9 the store queries, ACTIVE", lines[1]);
        for (int i = 0; i < n; i++) {
            assertTrue(lines[i + 2].startsWith("ok    " + StoreContractCheck.names().get(i)), lines[i + 2]);
        }
        assertEquals(n + " checks passed", lines[n + 2]);
        assertEquals("", check.err());
    }

    @Test
    void jsonSaysWhichChecksPassed() throws Exception {
        Run check = initAndCheck(server.get(), "checked-json", "--output", "json");
        assertEquals(0, check.exit(), check.err());
        JsonNode o = Json.mapper().readTree(check.out());
        assertTrue(o.get("passed").asBoolean());
        assertEquals(StoreContractCheck.names().size(), o.get("checks").size());
        assertTrue(o.get("run").asText().matches("[0-9a-f]{8}"));
    }

    // A DynamoDB-compatible server that ignores conditions (as http4k's fake did inside transactions) is caught.
    @Test
    void aServerThatIgnoresConditionsFailsWithExitOne() {
        try (StrictDynamoTestServer lax = StrictDynamoTestServer.start(StrictDynamoTestServer.Fault.IGNORE_CONDITIONS)) {
            Run check = initAndCheck(lax, "lax");
            assertEquals(1, check.exit(), check.out());
            assertTrue(check.out().contains("FAIL  duplicate create is a conflict: creating request store-check-"),
                    check.out());
            assertTrue(check.out().contains("FAIL  conditional transition:"), check.out());
            assertTrue(check.out().strip().endsWith("checks failed"), check.out());
        }
    }

    @Test
    void anUnreachableEndpointOrAMissingTableIsExitTwoWithOneLine() {
        String closed;
        try (StrictDynamoTestServer gone = StrictDynamoTestServer.start()) {
            closed = gone.endpoint().toString();
        }
        Run unreachable = run("store", "check", "--dynamodb-endpoint=" + closed, "--table", "t1");
        assertEquals(2, unreachable.exit(), unreachable.out());
        assertTrue(unreachable.err().startsWith("countersign: store: cannot reach DynamoDB at " + closed), unreachable.err());
        assertEquals(1, unreachable.err().strip().split("\n").length, unreachable.err());
        Run missing = run("store", "check", "--dynamodb-endpoint=" + server.endpoint(), "--table", "never-made");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("table 'never-made' does not exist"), missing.err());
        Run bad = run("store", "check", "--dynamodb-endpoint=not a uri");
        assertEquals(2, bad.exit());
    }
}
