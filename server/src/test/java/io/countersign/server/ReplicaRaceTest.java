package io.countersign.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.Countersign;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.store.History;
import io.countersign.server.config.ServerConfig;
import io.countersign.store.dynamodb.DynamoStore;
import io.countersign.store.dynamodb.Table;
import io.countersign.store.dynamodb.testserver.StrictDynamoTestServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server replicas on one DynamoDB table (the strict test server on loopback): on every request bob
 * approves through one replica while erin denies through the other. Each ends in one state with one
 * decision: the table's conditional writes, not the process, keep the replicas correct.
 */
class ReplicaRaceTest {

    static final int REQUESTS = 30;

    @TempDir
    Path dir;

    @Test
    void twoReplicasOnOneTableDecideEachRequestOnce() throws Exception {
        Path policies = Files.createDirectories(dir.resolve("policies"));
        for (String f : List.of("production.policy", "directory.yaml")) {
            try (InputStream in = ReplicaRaceTest.class.getResourceAsStream("policies/" + f)) {
                Files.copy(in, policies.resolve(f));
            }
        }
        ServerConfig config = ServerConfig.forPolicies(policies).withPort(0).withReloadOnChange(false)
                .withDispatchInterval(Duration.ZERO).withTokens(List.of(
                        TestServer.token("bob", TestServer.BOB, List.of("lifecycle"), "bob"),
                        TestServer.token("erin", TestServer.ERIN, List.of("lifecycle"), "erin")));
        try (StrictDynamoTestServer db = StrictDynamoTestServer.start()) {
            Table.create(db.client(), "replicas");
            DynamoStore storeA = new DynamoStore(db.client(), "replicas", null);
            DynamoStore storeB = new DynamoStore(db.client(), "replicas", null);
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            try (CountersignServer a = CountersignServer.builder(config).store(storeA).log(quiet).start();
                    CountersignServer b = CountersignServer.builder(config).store(storeB).log(quiet).start()) {
                Countersign cs = a.engine().facade();
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < REQUESTS; i++) {
                    ids.add(cs.submit(AccessRequest.builder().requester("frank").profile("prod-admin")
                            .duration(Duration.ofHours(1)).justification("replica " + i).build()).id());
                }
                HttpClient http = HttpClient.newHttpClient();
                Map<String, String> won = new ConcurrentHashMap<>();
                ExecutorService clients = Executors.newFixedThreadPool(8);
                try {
                    List<Future<?>> all = new ArrayList<>();
                    for (String id : ids) {
                        all.add(clients.submit(() -> act(http, a.port(), id, "approve", TestServer.BOB, won)));
                        all.add(clients.submit(() -> act(http, b.port(), id, "deny", TestServer.ERIN, won)));
                    }
                    for (Future<?> f : all) {
                        f.get();
                    }
                } finally {
                    clients.shutdown();
                }
                assertEquals(REQUESTS, won.size());
                for (String id : ids) {
                    History h = storeB.history(id).orElseThrow();
                    assertEquals(won.get(id).equals("approve") ? RequestStatus.APPROVED : RequestStatus.DENIED,
                            h.request().status(), id);
                    assertEquals(1, h.decisions().size(), id);
                    assertTrue(cs.verify(h).intact(), id);
                }
            } finally {
                storeA.close();
                storeB.close();
            }
        }
    }

    private static Void act(HttpClient http, int port, String id, String action, String token, Map<String, String> won)
            throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/requests/"
                + id + "/" + action)).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"rationale\":\"race\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
            if (won.putIfAbsent(id, action) != null) {
                throw new AssertionError("two winners on " + id);
            }
        } else {
            assertEquals(409, r.statusCode(), r.body());
        }
        return null;
    }
}
