package io.countersign.cli.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.cli.Run;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.decision.DecisionKind;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.event.EventType;
import io.countersign.engine.json.Json;
import io.countersign.engine.store.History;
import io.countersign.engine.model.RequestStatus;
import io.countersign.store.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight processes at once on one home approve, deny and cancel the same requests with the command
 * itself, signed decisions and all. Each request ends in one state the rules allow for who acted on it;
 * every command that said it succeeded left its decision; every command that failed says why in one
 * line the race makes right (decided already, approved already) — no store errors, nothing unclear.
 */
class ConcurrentProcessesTest {

    static final String POLICY = """
            policy production {
              scope profile matches "prod-*"
              default require approval from 2 of group "sre-leads"
            }
            """;

    static final String DIRECTORY = """
            users:
              alice: {groups: [sre-leads], attributes: {employment: employee}}
              bob: {groups: [sre-leads], attributes: {employment: employee}}
              erin: {groups: [sre-leads], attributes: {employment: employee}}
              frank: {groups: [engineering], attributes: {employment: employee}}
            """;

    static final int REQUESTS = 12;

    private enum Action { APPROVE, DENY, CANCEL }

    private record Role(Action action, String actor) {
    }

    /** Process p plays ROLES[p]: alice and bob approve from two processes each, as a double click would. */
    private static final List<Role> ROLES = List.of(
            new Role(Action.APPROVE, "alice"), new Role(Action.APPROVE, "alice"),
            new Role(Action.APPROVE, "bob"), new Role(Action.APPROVE, "bob"), new Role(Action.APPROVE, "erin"),
            new Role(Action.DENY, "erin"), new Role(Action.DENY, "bob"), new Role(Action.CANCEL, "frank"));

    /** Request i's mix (i % 4): approvers only; and deniers; and the requester cancelling; everyone. */
    private static boolean acts(Role role, int i) {
        int mix = i % 4;
        return role.action() == Action.APPROVE
                || role.action() == Action.DENY && (mix == 1 || mix == 3)
                || role.action() == Action.CANCEL && (mix == 2 || mix == 3);
    }

    /** A command one process ran, and what it said. */
    private record Call(Role role, String id, int exit, String err) {
    }

    @TempDir
    Path dir;

    @Test
    void eightProcessesDecidingTheSameRequestsLoseNothingAndSayWhyTheyWereRefused() throws Exception {
        Path home = dir.resolve("home");
        Path policies = Files.createDirectories(dir.resolve("policies"));
        Files.writeString(policies.resolve("production.policy"), POLICY);
        Files.writeString(policies.resolve("directory.yaml"), DIRECTORY);
        for (String lead : List.of("alice", "bob", "erin", "frank")) {
            Run made = Run.of("keys", "init", "--as", lead, "--home=" + home, "--policies=" + policies);
            assertEquals(0, made.exit(), made.err());
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            Run r = Run.of("request", "--as", "frank", "--profile", "prod-admin", "--duration", "1h", "--justification",
                    "Rotate the database credentials", "-q", "--home=" + home, "--policies=" + policies);
            assertEquals(0, r.exit(), r.err());
            ids.add(r.out().strip());
        }

        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        Path go = dir.resolve("go");
        List<Process> processes = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        List<Path> errors = new ArrayList<>();
        try {
            for (int p = 0; p < ROLES.size(); p++) {
                Role role = ROLES.get(p);
                List<String> lines = new ArrayList<>();
                for (int i = 0; i < REQUESTS; i++) {
                    if (acts(role, i)) {
                        lines.add(command(role, ids.get(i), home, policies));
                    }
                }
                Collections.shuffle(lines, new Random(7L + p));
                Path commands = Files.write(dir.resolve("commands-" + p), lines);
                outputs.add(dir.resolve("out-" + p));
                errors.add(dir.resolve("err-" + p));
                processes.add(Processes.start(scratch, outputs.get(p), errors.get(p), CommandWorker.class,
                        dir.resolve("ready-" + p).toString(), go.toString(), commands.toString()));
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            for (int p = 0; p < ROLES.size(); p++) {
                while (!Files.exists(dir.resolve("ready-" + p)) && System.nanoTime() < deadline) {
                    assertTrue(processes.get(p).isAlive(), "process " + p + " died: " + Files.readString(errors.get(p)));
                    Thread.sleep(20);
                }
            }
            Files.createFile(go); // all at once
            for (int p = 0; p < ROLES.size(); p++) {
                assertTrue(processes.get(p).waitFor(3, TimeUnit.MINUTES), "process " + p + " did not finish");
                assertEquals(0, processes.get(p).exitValue(), Files.readString(errors.get(p)));
                assertEquals("", Files.readString(errors.get(p)));
            }
        } finally {
            processes.forEach(Process::destroyForcibly);
        }

        Map<String, List<Call>> byRequest = new HashMap<>();
        int refusals = 0;
        for (int p = 0; p < ROLES.size(); p++) {
            for (String line : Files.readAllLines(outputs.get(p))) {
                JsonNode ran = Json.mapper().readTree(line);
                Call c = new Call(ROLES.get(p), ran.get("args").get(1).asText(), ran.get("exit").asInt(),
                        ran.get("err").asText());
                String what = c.role() + " on " + c.id() + ": exit " + c.exit() + ", " + c.err();
                if (c.exit() != 0) {
                    refusals++;
                    assertEquals(1, c.exit(), what);
                    assertTrue(c.err().matches("countersign: refused: [^\\n]*(not pending|has already approved this"
                            + " request)[^\\n]*\\n"), "one line, and a reason the race makes right: " + what);
                } else {
                    assertEquals("", c.err(), what);
                }
                byRequest.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(c);
            }
        }
        assertTrue(refusals > 0, "the processes met");

        Map<RequestStatus, Integer> ends = new EnumMap<>(RequestStatus.class);
        try (SqliteStore store = SqliteStore.in(home)) {
            for (int i = 0; i < REQUESTS; i++) {
                History h = store.history(ids.get(i)).orElseThrow();
                ends.merge(check(i, h, byRequest.get(ids.get(i))), 1, Integer::sum);
            }
        }
        assertEquals(REQUESTS, ends.values().stream().mapToInt(Integer::intValue).sum(), ends.toString());
        System.out.println("ends " + ends + ", " + refusals + " commands refused");
        Run verify = Run.of("audit", "verify", "--home=" + home, "--policies=" + policies);
        assertEquals(0, verify.exit(), verify.out() + verify.err());
        assertEquals(REQUESTS + " requests checked: all chains and signatures intact\n", verify.out());
    }

    private static String command(Role role, String id, Path home, Path policies) {
        List<String> args = switch (role.action()) {
            case APPROVE -> List.of("approve", id, "--as", role.actor(), "--rationale", "race");
            case DENY -> List.of("deny", id, "--as", role.actor(), "--rationale", "race");
            case CANCEL -> List.of("cancel", id, "--as", role.actor());
        };
        List<String> all = new ArrayList<>(args);
        all.add("--home=" + home);
        all.add("--policies=" + policies);
        return String.join("\t", all);
    }

    /** One request against every command run on it; how it ended. */
    private static RequestStatus check(int i, History h, List<Call> calls) {
        String where = h.request().id() + " (" + h.request().status() + ", mix " + i % 4 + ")";
        List<Call> approvals = calls.stream().filter(c -> c.exit() == 0 && c.role().action() == Action.APPROVE).toList();
        List<Call> denials = calls.stream().filter(c -> c.exit() == 0 && c.role().action() == Action.DENY).toList();
        List<Call> cancels = calls.stream().filter(c -> c.exit() == 0 && c.role().action() == Action.CANCEL).toList();

        // No decision lost, none made up: the history holds exactly the decisions the commands reported.
        assertEquals(approvals.size() + denials.size(), h.decisions().size(), where + ": " + h.decisions());
        for (Call c : approvals) {
            assertTrue(h.decisions().stream().anyMatch(d -> d.decision() == DecisionKind.APPROVED
                    && d.approver().equals(c.role().actor())), where + ": " + c.role() + "'s approval is lost");
        }
        for (Call c : denials) {
            assertTrue(h.decisions().stream().anyMatch(d -> d.decision() == DecisionKind.DENIED
                    && d.approver().equals(c.role().actor())), where + ": " + c.role() + "'s denial is lost");
        }
        List<String> approvers = h.decisions().stream().filter(d -> d.decision() == DecisionKind.APPROVED)
                .map(ApprovalDecision::approver).toList();
        assertEquals(approvers.size(), new HashSet<>(approvers).size(), where + ": one person counted twice");
        assertTrue(h.decisions().stream().allMatch(d -> Boolean.TRUE.equals(signed(d))), where + ": unsigned decision");

        int mix = i % 4;
        List<EventType> types = h.events().stream().map(e -> e.type()).toList();
        switch (h.request().status()) {
            case APPROVED -> {
                assertEquals(2, approvals.size(), where);
                assertTrue(denials.isEmpty() && cancels.isEmpty(), where);
                assertEquals(EventType.REQUEST_APPROVED, types.get(types.size() - 1), where);
            }
            case DENIED -> {
                assertTrue(mix == 1 || mix == 3, where + ": nobody denies in this mix");
                assertEquals(1, denials.size(), where);
                assertTrue(approvals.size() <= 1 && cancels.isEmpty(), where);
                assertEquals(EventType.REQUEST_DENIED, types.get(types.size() - 1), where);
            }
            case CANCELLED -> {
                assertTrue(mix == 2 || mix == 3, where + ": nobody cancels in this mix");
                assertEquals(1, cancels.size(), where);
                assertTrue(approvals.size() <= 1 && denials.isEmpty(), where);
                assertEquals(EventType.REQUEST_CANCELLED, types.get(types.size() - 1), where);
            }
            default -> fail(where + ": three approvers acted on it, so it cannot still be pending");
        }
        assertNull(EventChain.verify(h.events()), where);
        assertEquals(h.request().eventSequence(), h.events().size(), where);
        assertEquals(1 + approvals.size() + denials.size() + cancels.size(), h.request().version(), where);
        return h.request().status();
    }

    private static Boolean signed(ApprovalDecision d) {
        JsonNode signed = Json.mapper().valueToTree(d).path("metadata").get("signed");
        return signed == null ? null : signed.asBoolean();
    }
}
