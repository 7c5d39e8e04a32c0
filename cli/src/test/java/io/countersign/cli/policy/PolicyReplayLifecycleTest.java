package io.countersign.cli.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.cli.Run;
import io.countersign.cli.Workspace;
import io.countersign.engine.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code policy replay} end to end: requests made through the lifecycle commands on the embedded SQLite
 * store of a real home (signed, one approved), then replayed through the command against the same
 * policies (nothing changes) and an edited copy (two kinds of change, counted, with the ids of
 * requests that show them).
 */
class PolicyReplayLifecycleTest {

    static final String EDITED = """
            policy production {
              scope profile matches "prod-*"
              default require approval from 1 of group "sre-leads"

              rule admin {
                when profile == "prod-admin"
                then require approval
                  from 2 of group "sre-leads"
                  expire after 24h
                  cap duration 4h
              }

              rule db-at-once {
                when profile == "prod-db"
                then approve
              }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void replayCountsTheDecisionsAnEditedPolicySetChangesWithTheirRequestIds() throws Exception {
        Workspace ws = Workspace.in(dir);
        Set<String> admin = new HashSet<>(List.of(ws.request("alice"), ws.request(null), ws.request(null)));
        Set<String> db = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            Run r = ws.decide(Map.of(), "request", "--as", "frank", "--profile", "prod-db", "--duration", "1h",
                    "--justification", "Nightly export " + i, "-q");
            assertEquals(0, r.exit(), r.err());
            db.add(r.out().strip());
        }
        Instant afterAll = Instant.now().plusSeconds(1);

        Run same = ws.run(Map.of(), "policy", "replay", "--policies", ws.policies().toString(), "--exit-code");
        assertEquals(0, same.exit(), same.out() + same.err());
        assertEquals("5 requests replayed: 0 decided differently (0 invalid now)\n", same.out());

        Path edited = copy(ws.policies(), dir.resolve("edited"));
        Files.writeString(edited.resolve("production.policy"), EDITED);
        Run text = ws.run(Map.of(), "policy", "replay", "--policies", edited.toString());
        assertEquals(0, text.exit(), text.out() + text.err());
        assertTrue(text.out().startsWith("5 requests replayed: 5 decided differently (0 invalid now)\n"), text.out());

        Run json = ws.run(Map.of(), "policy", "replay", "--policies", edited.toString(), "--format", "json",
                "--exit-code");
        assertEquals(1, json.exit(), "--exit-code: some decision changes\n" + json.out() + json.err());
        JsonNode report = Json.mapper().readTree(json.out());
        assertEquals(5, report.get("replayed").asInt());
        assertEquals(5, report.get("changed").asInt());
        Map<String, JsonNode> byTitle = new java.util.HashMap<>();
        report.get("changes").forEach(c -> byTitle.put(title(c), c));
        assertEquals(2, byTitle.size(), report.toString());
        JsonNode quorum = byTitle.values().stream().filter(c -> c.get("count").asInt() == 3).findFirst().orElseThrow();
        assertTrue(quorum.get("before").asText().contains("1 of group:sre-leads")
                && quorum.get("after").asText().contains("2 of group:sre-leads"), quorum.toString());
        assertTrue(admin.containsAll(ids(quorum)) && !ids(quorum).isEmpty(), quorum + " among " + admin);
        JsonNode atOnce = byTitle.values().stream().filter(c -> c.get("count").asInt() == 2).findFirst().orElseThrow();
        assertTrue(atOnce.get("before").asText().contains("1 of group:sre-leads")
                && atOnce.get("after").asText().contains("approved at once"), atOnce.toString());
        assertEquals(db, new HashSet<>(ids(atOnce)), atOnce.toString());
        for (JsonNode c : report.get("changes")) {
            assertTrue(text.out().contains(c.get("count").asInt() + "  " + title(c)), text.out());
        }

        // an interval with no request in it replays nothing
        Run later = ws.run(Map.of(), "policy", "replay", "--policies", edited.toString(), "--since", afterAll.toString());
        assertEquals(0, later.exit(), later.err());
        assertEquals("0 requests replayed: 0 decided differently (0 invalid now)\n", later.out());
    }

    private static String title(JsonNode change) {
        return change.get("before").asText() + " → " + change.get("after").asText();
    }

    private static List<String> ids(JsonNode change) {
        List<String> out = new ArrayList<>();
        change.get("requestIds").forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Path copy(Path from, Path to) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }
}
