package io.countersign.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.json.Json;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health, readiness, metrics, JSON logs with request ids, decision logs with masking, policy reload. */
class OperationsTest {

    static final String DECIDE = "{\"requester\":\"alice\",\"profile\":\"prod-admin\",\"duration\":\"1h\","
            + "\"context\":{\"incident\":\"INC-7\",\"device\":\"managed\"}}";

    @TempDir
    Path dir;

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    @Test
    void healthReadinessAndMetrics() throws Exception {
        try (TestServer s = new TestServer(dir)) {
            assertEquals(200, s.get("/healthz", null).statusCode());
            HttpResponse<String> ready = s.get("/readyz", null);
            assertEquals(200, ready.statusCode(), ready.body());
            assertEquals("ok", json(ready).path("store").asText());
            assertTrue(json(ready).path("policyDigest").asText().startsWith("sha256:"));
            assertEquals(200, s.post("/v1/decide", TestServer.GATEWAY, DECIDE).statusCode());
            s.post("/v1/decide", null, DECIDE);
            String m = s.get("/metrics", null).body();
            assertTrue(m.contains("countersign_decisions_total{endpoint=\"decide\",outcome=\"pending\"} 1.0"), m);
            assertTrue(m.contains("countersign_http_requests_seconds_bucket{endpoint=\"/v1/decide\""), m);
            assertTrue(m.contains("countersign_refusals_total{code=\"UNAUTHENTICATED\"} 1.0"), m);
            assertTrue(m.contains("countersign_outbox_depth"), m);
            assertTrue(m.contains("countersign_outbox_dead_letters"), m);
        }
    }

    @Test
    void logsAreJsonLinesWithTheRequestId() throws Exception {
        try (TestServer s = new TestServer(dir)) {
            HttpResponse<String> r = s.http.send(HttpRequest.newBuilder(URI.create(s.base() + "/v1/decide"))
                    .header("Authorization", "Bearer " + TestServer.GATEWAY).header("Content-Type", "application/json")
                    .header("X-Request-Id", "trace-123").POST(HttpRequest.BodyPublishers.ofString(DECIDE)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("trace-123", r.headers().firstValue("X-Request-Id").orElse(""));
            boolean found = false;
            for (String line : s.log.toString(StandardCharsets.UTF_8).split("\n")) {
                JsonNode n = Json.mapper().readTree(line);
                if ("trace-123".equals(n.path("requestId").asText())) {
                    assertEquals("/v1/decide", n.path("path").asText());
                    assertEquals(200, n.path("status").asInt());
                    assertEquals("gateway", n.path("caller").asText());
                    found = true;
                }
            }
            assertTrue(found, s.log.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void decisionsAreLoggedAsJsonLinesWithMaskedFields() throws Exception {
        Path log = dir.resolve("decisions.jsonl");
        try (TestServer s = new TestServer(dir, c -> c.withDecisionLog(log.toString(), List.of("/input/context/incident")))) {
            HttpResponse<String> r = s.post("/v1/decide", TestServer.GATEWAY, DECIDE);
            String id = json(r).path("decisionId").asText();
            List<String> lines = Files.readAllLines(log);
            assertEquals(1, lines.size());
            JsonNode line = Json.mapper().readTree(lines.get(0));
            assertEquals(id, line.path("decision_id").asText());
            assertEquals("alice", line.path("input").path("requester").asText());
            assertEquals("managed", line.path("input").path("context").path("device").asText());
            assertTrue(line.path("input").path("context").path("incident").isMissingNode(), lines.get(0));
            assertEquals("/input/context/incident", line.path("erased").get(0).asText());
            assertEquals("pending", line.path("result").path("outcome").asText());
            assertTrue(line.path("policy_digest").asText().startsWith("sha256:"));
        }
    }

    @Test
    void aReloadWithErrorsIsRefusedAndShownAndTheOldSetServes() throws Exception {
        try (TestServer s = new TestServer(dir)) {
            String before = json(s.get("/readyz", null)).path("policyDigest").asText();
            Path broken = s.policies.resolve("broken.policy");
            Files.writeString(broken, "policy broken { rule r { when profile == then approve } }\n");
            HttpResponse<String> r = s.post("/v1/admin/reload", TestServer.ADMIN, "{}");
            JsonNode p = ProblemDocumentTest.problem(r, 422, "POLICY_ERRORS");
            assertTrue(p.path("errors").get(0).asText().contains("broken.policy"), r.body());
            HttpResponse<String> ready = s.get("/readyz", null);
            assertEquals(503, ready.statusCode());
            assertEquals(before, json(ready).path("policyDigest").asText());
            assertFalse(json(ready).path("errors").isEmpty());
            assertEquals(200, s.post("/v1/decide", TestServer.GATEWAY, DECIDE).statusCode());
            String m = s.get("/metrics", null).body();
            assertTrue(m.contains("countersign_policy_reloads_total{result=\"refused\"} 1.0"), m);
            assertTrue(m.contains("countersign_policy_last_reload_ok 0.0"), m);
            Files.delete(broken);
            assertEquals(200, s.post("/v1/admin/reload", TestServer.ADMIN, "{}").statusCode());
            assertEquals(200, s.get("/readyz", null).statusCode());
        }
    }

    @Test
    void aChangedDirectoryReloadsAndNoRequestIsLostMeanwhile() throws Exception {
        try (TestServer s = new TestServer(dir, c -> c.withReloadOnChange(true))) {
            String before = json(s.get("/readyz", null)).path("policyDigest").asText();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService load = Executors.newFixedThreadPool(4);
            List<Future<int[]>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(load.submit(() -> {
                    int ok = 0;
                    int other = 0;
                    while (running.get()) {
                        if (s.post("/v1/decide", TestServer.GATEWAY, DECIDE).statusCode() == 200) {
                            ok++;
                        } else {
                            other++;
                        }
                    }
                    return new int[] {ok, other};
                }));
            }
            Path policy = s.policies.resolve("production.policy");
            String changed = null;
            for (int i = 0; i < 3; i++) {
                Files.writeString(policy, Files.readString(policy).replace("cap duration " + (4 + i) + "h",
                        "cap duration " + (5 + i) + "h"));
                changed = waitForNewDigest(s, changed == null ? before : changed);
            }
            running.set(false);
            int ok = 0;
            for (Future<int[]> f : results) {
                int[] r = f.get();
                ok += r[0];
                assertEquals(0, r[1], "a request failed during a reload");
            }
            load.shutdown();
            assertTrue(ok > 0);
            assertNotEquals(before, changed);
            assertTrue(s.get("/metrics", null).body().contains("countersign_policy_reloads_total{result=\"applied\"} 3.0"));
        }
    }

    private static String waitForNewDigest(TestServer s, String old) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < until) {
            String now = json(s.get("/readyz", null)).path("policyDigest").asText();
            if (!now.equals(old)) {
                return now;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the policy directory changed and the server did not reload");
    }

    @Test
    void tlsWhenGivenACertificate() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        for (String f : List.of("cert.pem", "key.pem")) {
            try (InputStream in = OperationsTest.class.getResourceAsStream("tls/" + f)) {
                Files.copy(in, dir.resolve(f));
            }
        }
        try (TestServer s = new TestServer(dir, c -> c.withTls(new io.countersign.server.config.ServerConfig.Tls(cert, key)))) {
            javax.net.ssl.SSLContext ssl = Tls.trusting(cert);
            var client = java.net.http.HttpClient.newBuilder().sslContext(ssl).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + s.server.port()
                    + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertThrowsIo(() -> s.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.server.port()
                    + "/healthz")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()));
        }
    }

    interface Call {
        Object run() throws Exception;
    }

    private static void assertThrowsIo(Call c) {
        try {
            Object r = c.run();
            if (r instanceof HttpResponse<?> h) {
                assertNotEquals(200, h.statusCode(), "plain HTTP was answered on the TLS port");
            }
        } catch (java.io.IOException e) {
            // refused: what a TLS port does to plain HTTP
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
