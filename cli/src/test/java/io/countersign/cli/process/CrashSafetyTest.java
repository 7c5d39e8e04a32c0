package io.countersign.cli.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.cli.Run;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.decision.DecisionKind;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.event.EventType;
import io.countersign.engine.store.History;
import io.countersign.engine.store.Listing;
import io.countersign.engine.store.Page;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.store.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Processes writing requests and decisions to one home are killed with SIGKILL at random moments, more
 * than thirty times. Afterwards the file is sound, everything a process was told was committed is there,
 * no request is half-written (its row, its decisions, its events and its inbox rows agree), the audit
 * trail verifies, and every command works on the home.
 */
class CrashSafetyTest {

    static final String POLICY = """
            policy production {
              scope profile matches "prod-*"
              allow unsigned decisions
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

    static final int KILLS = 32;
    /** Two cores: more workers at once only slow each other's start. */
    static final int AT_ONCE = 2;

    @TempDir
    Path dir;

    @Test
    void killedWritersLeaveEveryRequestWholeAndTheHomeUsable() throws Exception {
        Path home = dir.resolve("home");
        Path policies = Files.createDirectories(dir.resolve("policies"));
        Files.writeString(policies.resolve("production.policy"), POLICY);
        Files.writeString(policies.resolve("directory.yaml"), DIRECTORY);
        Path scratch = Files.createDirectories(dir.resolve("scratch"));

        long t0 = System.nanoTime();
        AtomicInteger kills = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        List<Path> outputs = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService slots = Executors.newFixedThreadPool(AT_ONCE);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int slot = 0; slot < AT_ONCE; slot++) {
                Random random = new Random(42 + slot);
                running.add(slots.submit(() -> {
                    while (kills.get() < KILLS) {
                        int n = runs.incrementAndGet();
                        Path out = dir.resolve("worker-" + n + ".out");
                        Path err = dir.resolve("worker-" + n + ".err");
                        outputs.add(out);
                        Process p = Processes.start(scratch, out, err, CrashWorker.class, home.toString(),
                                policies.toString(), Long.toString(random.nextLong()));
                        try {
                            // Kill while it writes: once it has committed something, after a random pause.
                            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                            while (Files.size(out) == 0 && p.isAlive() && System.nanoTime() < deadline) {
                                Thread.sleep(10);
                            }
                            assertTrue(p.isAlive(), "the worker died by itself: " + Files.readString(err));
                            Thread.sleep(random.nextInt(250));
                        } finally {
                            p.destroyForcibly(); // SIGKILL
                        }
                        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
                        assertEquals(137, p.exitValue(), "killed by SIGKILL: " + Files.readString(err));
                        kills.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(6, TimeUnit.MINUTES);
            }
        } finally {
            slots.shutdownNow();
        }
        assertTrue(kills.get() >= 30, "kills: " + kills.get());
        System.out.printf("%d workers killed in %d s%n", kills.get(), (System.nanoTime() - t0) / 1_000_000_000);

        assertEquals("ok", sql(home, "PRAGMA integrity_check"));
        assertEquals("0", sql(home, "SELECT count(*) FROM requests WHERE json_extract(data, '$.status') != status"
                + " OR json_extract(data, '$.version') != version OR json_extract(data, '$.id') != id"));

        Acknowledged told = Acknowledged.read(outputs);
        assertTrue(told.created().size() >= KILLS, "every worker committed before it was killed: " + told.created().size());
        try (SqliteStore store = SqliteStore.in(home)) {
            List<StoredRequest> all = all(store, new Listing.ByRequester("frank"));
            Set<String> ids = new HashSet<>();
            all.forEach(r -> ids.add(r.id()));
            assertTrue(ids.containsAll(told.created()), "a committed request is lost");
            Set<String> inbox = new HashSet<>();
            all(store, new Listing.Inbox(List.of("group:sre-leads"))).forEach(r -> inbox.add(r.id()));
            int pending = 0;
            for (StoredRequest listed : all) {
                History h = store.history(listed.id()).orElseThrow();
                assertWhole(h, told);
                assertEquals(h.request().status() == RequestStatus.PENDING, inbox.contains(listed.id()),
                        listed.id() + ": in the inbox exactly while pending");
                pending += h.request().status() == RequestStatus.PENDING ? 1 : 0;
            }
            assertEquals(pending, all(store, new Listing.ByStatus(RequestStatus.PENDING)).size());
        }

        // Every command works on the home afterwards.
        Run verify = cs(home, policies, "audit", "verify");
        assertEquals(0, verify.exit(), verify.out() + verify.err());
        assertTrue(verify.out().endsWith("all chains and signatures intact\n"), verify.out());
        Run submitted = cs(home, policies, "request", "--as", "frank", "--profile", "prod-admin", "--duration", "1h",
                "--justification", "After the crashes", "-q");
        assertEquals(0, submitted.exit(), submitted.err());
        String id = submitted.out().strip();
        for (String lead : List.of("alice", "bob")) {
            Run approved = cs(home, policies, "approve", id, "--as", lead, "--rationale", "fine");
            assertEquals(0, approved.exit(), approved.err());
        }
        for (String[] command : List.of(new String[] {"show", id}, new String[] {"list", "--status", "pending"},
                new String[] {"list", "--inbox", "--as", "alice"}, new String[] {"sweep"},
                new String[] {"access", "--requester", "frank", "--profile", "prod-admin"},
                new String[] {"audit", "log"}, new String[] {"notify", "failed"}, new String[] {"store", "init"})) {
            Run run = cs(home, policies, command);
            assertEquals(0, run.exit(), String.join(" ", command) + ": " + run.err());
            assertEquals("", run.err(), String.join(" ", command));
        }
    }

    /** The request, its decisions and its events agree with each other and with what the workers were told. */
    private static void assertWhole(History h, Acknowledged told) {
        StoredRequest r = h.request();
        String where = r.id() + " (" + r.status() + ")";
        assertNull(EventChain.verify(h.events()), where);
        assertEquals(r.eventSequence(), h.events().size(), where);
        assertEquals(h.events().get(h.events().size() - 1).hash(), r.eventHash(), where);
        List<String> announced = h.events().stream().filter(e -> e.type() == EventType.DECISION_RECORDED)
                .map(e -> e.data().get("decision").get("decisionId").asText()).toList();
        assertEquals(announced, h.decisions().stream().map(ApprovalDecision::decisionId).toList(), where);
        List<EventType> types = h.events().stream().map(Event::type).toList();
        EventType end = switch (r.status()) {
            case APPROVED -> EventType.REQUEST_APPROVED;
            case DENIED -> EventType.REQUEST_DENIED;
            case CANCELLED -> EventType.REQUEST_CANCELLED;
            default -> null;
        };
        if (end != null) {
            assertEquals(end, types.get(types.size() - 1), where + ": " + types);
        } else {
            assertEquals(RequestStatus.PENDING, r.status(), where);
        }
        for (String[] d : told.decided()) {
            if (d[1].equals(r.id())) {
                DecisionKind kind = d[0].equals("approved") ? DecisionKind.APPROVED : DecisionKind.DENIED;
                assertTrue(d[0].equals("cancelled") ? r.status() == RequestStatus.CANCELLED
                        : h.decisions().stream().anyMatch(x -> x.decision() == kind && x.approver().equals(d[2])),
                        where + ": a committed " + d[0] + " by " + d[2] + " is lost");
            }
        }
    }

    private static List<StoredRequest> all(SqliteStore store, Listing listing) {
        List<StoredRequest> out = new ArrayList<>();
        String cursor = null;
        do {
            Page<StoredRequest> page = store.list(listing, cursor, 100);
            out.addAll(page.items());
            cursor = page.next();
        } while (cursor != null);
        return out;
    }

    private static Run cs(Path home, Path policies, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--home=" + home);
        boolean readsPolicies = !List.of("show", "list", "audit", "notify", "store").contains(args[0])
                || List.of(args).contains("--inbox") || args[1].equals("verify");
        if (readsPolicies) {
            all.add("--policies=" + policies);
        }
        return Run.in(java.util.Map.of(), all.toArray(String[]::new));
    }

    private static String sql(Path home, String query) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve(SqliteStore.FILE));
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** What the workers printed after each write returned: committed, so it must be there. */
    private record Acknowledged(Set<String> created, List<String[]> decided) {
        static Acknowledged read(List<Path> outputs) throws Exception {
            Set<String> created = new HashSet<>();
            List<String[]> decided = new ArrayList<>();
            for (Path out : outputs) {
                String printed = Files.readString(out);
                // a line the kill cut off while it was printed has no newline yet
                List<String> lines = printed.substring(0, printed.lastIndexOf('\n') + 1).lines().toList();
                for (String line : lines) {
                    String[] words = line.split(" ");
                    if (words[0].equals("created")) {
                        created.add(words[1]);
                    } else {
                        decided.add(words);
                    }
                }
            }
            return new Acknowledged(created, decided);
        }
    }
}
