package io.countersign.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.cli.Run;
import io.countersign.cli.Workspace;
import io.countersign.engine.json.Json;
import io.countersign.store.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit verify} and {@code audit log} in-process against the embedded store of a home of each test's own. */
class AuditCommandsTest {

    @TempDir
    Path dir;
    Workspace ws;
    String approved;
    String pending;

    @BeforeEach
    void twoRequests() throws IOException {
        ws = Workspace.in(dir);
        approved = ws.request("alice");
        pending = ws.request(null);
    }

    private Run cs(String... args) {
        // audit verify reads the public keys in the policy repository; audit log reads no policies
        return args.length > 1 && args[1].equals("verify") ? ws.decide(Map.of(), args) : ws.run(Map.of(), args);
    }

    @Test
    void verifyChecksSignaturesAgainstThePolicyRepositorysKeys() throws Exception {
        java.nio.file.Path pub = ws.policies().resolve("keys/alice.pub");
        java.nio.file.Path aside = dir.resolve("alice.pub");
        java.nio.file.Files.move(pub, aside);
        Run unknownKey = cs("audit", "verify", approved);
        assertEquals(1, unknownKey.exit(), unknownKey.out() + unknownKey.err());
        assertTrue(unknownKey.out().startsWith("broken: " + approved + " at event 2 ("), unknownKey.out());
        assertTrue(unknownKey.out().contains("which keys/ does not hold for alice"), unknownKey.out());
        // retiring a key keeps what it signed checkable
        java.nio.file.Files.createDirectories(ws.policies().resolve("keys/retired"));
        java.nio.file.Files.move(aside, ws.policies().resolve("keys/retired/alice.pub"));
        Run retired = cs("audit", "verify", approved);
        assertEquals(0, retired.exit(), retired.out() + retired.err());
    }

    @Test
    void verifyPassesOnAnIntactStoreAndNamesTheFirstBrokenLinkAfterTampering() throws Exception {
        Run intact = cs("audit", "verify");
        assertEquals(0, intact.exit(), intact.err());
        assertEquals("2 requests checked: all chains and signatures intact\n", intact.out());
        Run one = cs("audit", "verify", approved);
        assertEquals(0, one.exit(), one.err());
        assertEquals("1 request checked: all chains and signatures intact\n", one.out());
        Run unknown = cs("audit", "verify", "no-such-request");
        assertEquals(2, unknown.exit(), unknown.out());
        assertEquals("countersign: no request has the id 'no-such-request'\n", unknown.err());

        // Someone with write access to the file makes alice's approval look like mallory's.
        List<JsonNode> events = ws.events(approved);
        JsonNode second = events.get(1);
        tamper(approved, 2, "actor", "mallory");

        Run broken = cs("audit", "verify");
        assertEquals(1, broken.exit(), broken.out() + broken.err());
        assertEquals("broken: " + approved + " at event 2 (" + second.get("id").asText() + "): hash does not match the"
                + " event's content\n2 requests checked: 1 broken\n", broken.out());
        Run json = cs("audit", "verify", "--output", "json");
        assertEquals(1, json.exit(), json.err());
        JsonNode report = Json.mapper().readTree(json.out());
        assertEquals(2, report.get("checked").asInt());
        assertEquals(false, report.get("intact").asBoolean());
        assertEquals(1, report.get("broken").size(), report.toString());
        JsonNode finding = report.get("broken").get(0);
        assertEquals(approved, finding.get("requestId").asText());
        assertEquals(2, finding.get("sequence").asInt());
        assertEquals(second.get("id"), finding.get("eventId"));
        Run untouched = cs("audit", "verify", pending);
        assertEquals(0, untouched.exit(), untouched.out());
    }

    @Test
    void logPrintsEveryStoredEventAsOneJsonLineAndSinceKeepsTheLaterOnes() throws IOException {
        List<JsonNode> stored = new ArrayList<>(ws.events(approved));
        stored.addAll(ws.events(pending));

        Run all = cs("audit", "log", "--output", "json");
        assertEquals(0, all.exit(), all.err());
        assertEquals(stored, lines(all), "requests in creation order, each request's events in sequence, as stored");

        Instant since = Instant.parse(stored.get(1).get("time").asText());
        List<JsonNode> later = stored.stream().filter(e -> !Instant.parse(e.get("time").asText()).isBefore(since)).toList();
        assertTrue(!later.isEmpty() && later.size() < stored.size(), "the instant splits the trail: " + since);
        Run some = cs("audit", "log", "--output", "json", "--since", since.toString());
        assertEquals(0, some.exit(), some.err());
        assertEquals(later, lines(some));

        Run text = cs("audit", "log");
        assertEquals(0, text.exit(), text.err());
        List<String> rows = text.out().lines().toList();
        assertEquals(stored.size() + 1, rows.size(), text.out());
        assertTrue(rows.get(0).matches("\\S+Z  " + approved + "  1  request\\.created +frank"), rows.get(0));
        assertEquals(stored.size() + " events", rows.get(rows.size() - 1));

        Run bad = cs("audit", "log", "--since", "yesterday");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("'yesterday' is not an instant"), bad.err());
    }

    private static List<JsonNode> lines(Run run) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : run.out().lines().toList()) {
            out.add(Json.mapper().readTree(line));
        }
        return out;
    }

    /** Changes one field of a stored event behind the store's back: a connection of its own to the file. */
    private void tamper(String id, long sequence, String field, String value) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ws.home().resolve(SqliteStore.FILE))) {
            String data;
            try (PreparedStatement read = c.prepareStatement("SELECT data FROM events WHERE request_id = ? AND seq = ?")) {
                read.setString(1, id);
                read.setLong(2, sequence);
                try (ResultSet rs = read.executeQuery()) {
                    assertTrue(rs.next(), "no event " + sequence + " of " + id);
                    data = rs.getString(1);
                }
            }
            ObjectNode event = (ObjectNode) Json.mapper().readTree(data);
            event.put(field, value);
            try (PreparedStatement write = c.prepareStatement("UPDATE events SET data = ? WHERE request_id = ? AND seq = ?")) {
                write.setString(1, event.toString());
                write.setString(2, id);
                write.setLong(3, sequence);
                assertEquals(1, write.executeUpdate());
            }
        }
    }
}
