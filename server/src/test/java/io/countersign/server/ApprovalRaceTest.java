package io.countersign.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.Countersign;
import io.countersign.engine.json.Json;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.store.History;
import io.countersign.engine.model.RequestStatus;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 approval races over HTTP with 16 clients: on every request bob approves while erin denies, at
 * the same moment. Each request ends in exactly one decided state, with one decision, and the one action
 * the server answered 200 for is the one the store holds: no lost decision, no double decision.
 */
class ApprovalRaceTest {

    static final int REQUESTS = 1000;
    static final int CLIENTS = 16;

    @TempDir
    Path dir;

    @Test
    void everyRaceEndsInOneStateAndNoDecisionIsLost() throws Exception {
        // The store's file lives in memory where the machine has /dev/shm: the race is about the server's
        // conditional writes, and 3,000 fsyncs would only measure the disk.
        Path shm = Path.of("/dev/shm");
        Path home = java.nio.file.Files.isDirectory(shm) && java.nio.file.Files.isWritable(shm)
                ? java.nio.file.Files.createTempDirectory(shm, "countersign-race") : dir;
        try (TestServer s = new TestServer(home)) {
            Countersign cs = s.server.engine().facade();
            long t0 = System.nanoTime();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                ids.add(cs.submit(AccessRequest.builder().requester("frank").profile("prod-admin")
                        .duration(Duration.ofHours(1)).justification("race " + i).build()).id());
            }
            long t1 = System.nanoTime();
            Map<String, String> won = new ConcurrentHashMap<>();
            AtomicInteger refused = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<?>> all = new ArrayList<>();
                for (String id : ids) {
                    // The two sides of one race go in one after the other: two of the 16 clients take them at once.
                    all.add(clients.submit(() -> act(s, id, "approve", TestServer.BOB, won, refused)));
                    all.add(clients.submit(() -> act(s, id, "deny", TestServer.ERIN, won, refused)));
                }
                for (Future<?> f : all) {
                    f.get();
                }
            } finally {
                clients.shutdown();
            }
            System.out.printf("submit %d ms, races %d ms%n", (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
            assertEquals(REQUESTS, won.size(), "every race has exactly one winner");
            assertEquals(REQUESTS, refused.get(), "every race has exactly one loser");
            for (String id : ids) {
                History h = s.store.history(id).orElseThrow();
                RequestStatus expected = won.get(id).equals("approve") ? RequestStatus.APPROVED : RequestStatus.DENIED;
                assertEquals(expected, h.request().status(), id);
                assertEquals(1, h.decisions().size(), id);
                assertTrue(cs.verify(h).intact(), id);
            }
        } finally {
            if (!home.equals(dir)) {
                try (var files = java.nio.file.Files.walk(home)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static Void act(TestServer s, String id, String action, String token, Map<String, String> won,
            AtomicInteger refused) throws Exception {
        HttpResponse<String> r = s.post("/v1/requests/" + id + "/" + action, token, "{\"rationale\":\"race\"}");
        if (r.statusCode() == 200) {
            if (won.putIfAbsent(id, action) != null) {
                throw new AssertionError("two winners on " + id);
            }
        } else {
            JsonNode p = Json.mapper().readTree(r.body());
            assertEquals(409, r.statusCode(), r.body());
            assertTrue(p.path("code").asText().equals("WRONG_STATE") || p.path("code").asText().equals("ALREADY_DECIDED"),
                    r.body());
            refused.incrementAndGet();
        }
        return null;
    }
}
