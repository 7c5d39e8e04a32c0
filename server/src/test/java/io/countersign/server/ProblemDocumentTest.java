package io.countersign.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.json.Json;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gets a clear 4xx problem document (RFC 9457) and nothing is written: malformed JSON, wrong
 * types, unknown fields, a 10 MB body, a client that stops sending, an unknown endpoint.
 */
class ProblemDocumentTest {

    @TempDir
    static Path dir;
    static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer(dir, c -> c.withIdleTimeout(Duration.ofMillis(700)));
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    static JsonNode problem(HttpResponse<String> r, int status, String code) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0], r.body());
        JsonNode n = Json.mapper().readTree(r.body());
        assertEquals(code, n.path("code").asText(), r.body());
        assertEquals(status, n.path("status").asInt());
        assertTrue(n.path("type").asText().startsWith("https://countersign.io/problems/"), r.body());
        assertTrue(n.hasNonNull("title") && n.hasNonNull("detail") && n.hasNonNull("requestId"), r.body());
        assertTrue(!r.body().contains("Exception") && !r.body().contains("\tat "), r.body());
        return n;
    }

    @Test
    void malformedJsonIsRefusedAndNothingIsWritten() throws Exception {
        problem(s.post("/v1/requests", TestServer.FRANK, "{\"request\": {\"profile\": "), 400, "MALFORMED_JSON");
        problem(s.post("/v1/decide", TestServer.GATEWAY, "not json"), 400, "MALFORMED_JSON");
        problem(s.post("/v1/decide", TestServer.GATEWAY, ""), 400, "MALFORMED_JSON");
        problem(s.post("/v1/decide", TestServer.GATEWAY, "{} {}"), 400, "MALFORMED_JSON");
        assertEquals(0, s.stored());
    }

    @Test
    void wrongTypesNameTheField() throws Exception {
        JsonNode n = problem(s.post("/v1/requests", TestServer.FRANK,
                "{\"request\":{\"profile\":\"prod-admin\",\"duration\":\"1h\",\"permissions\":\"read\"}}"), 400, "INVALID_FIELD");
        assertTrue(n.path("detail").asText().contains("permissions"), n.toString());
        problem(s.post("/v1/decide", TestServer.GATEWAY, "{\"requester\":5,\"profile\":\"prod-admin\"}"), 400, "INVALID_FIELD");
        assertEquals(0, s.stored());
    }

    @Test
    void unknownFieldsAreRefused() throws Exception {
        JsonNode n = problem(s.post("/v1/requests", TestServer.FRANK,
                "{\"request\":{\"profile\":\"prod-admin\",\"duration\":\"1h\",\"approvedBy\":\"bob\"}}"), 400, "UNKNOWN_FIELD");
        assertTrue(n.path("detail").asText().contains("approvedBy"), n.toString());
        problem(s.post("/v1/decide", TestServer.GATEWAY, "{\"requester\":\"a\",\"profile\":\"p\",\"admin\":true}"), 400,
                "UNKNOWN_FIELD");
        assertEquals(0, s.stored());
    }

    /**
     * The server refuses a body past its limit by its Content-Length, reading none of it. A client that
     * asks first ({@code Expect: 100-continue}, as one sending a large body should) is told before it
     * sends a byte. One that sends it all regardless may find the connection closed under it before it
     * reads the 413 (the server does not read 10 MB to say no): either way nothing is kept, and the
     * server goes on answering.
     */
    @Test
    void aTenMegabyteBodyIsRefusedUnread() throws Exception {
        String big = "{\"request\":{\"justification\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}}";
        try (Socket socket = new Socket("127.0.0.1", s.server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /v1/requests HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + TestServer.FRANK + "\r\nContent-Type: application/json\r\nContent-Length: " + big.length()
                    + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 413") && answer.contains("BODY_TOO_LARGE"), answer);
        }
        try {
            problem(s.post("/v1/requests", TestServer.FRANK, big), 413, "BODY_TOO_LARGE");
        } catch (java.io.IOException closedBeforeTheAnswerWasRead) {
            // the refusal as a closed connection: allowed for a client that did not ask first
        }
        assertEquals(0, s.stored());
        assertEquals(200, s.get("/healthz", null).statusCode());
    }

    @Test
    void aBodyWithoutJsonContentTypeIsRefused() throws Exception {
        HttpResponse<String> r = s.http.send(HttpRequest.newBuilder(URI.create(s.base() + "/v1/decide"))
                .header("Authorization", "Bearer " + TestServer.GATEWAY).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        problem(r, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void aSlowClientIsCutOffAndNothingIsWritten() throws Exception {
        String body = "{\"request\":{\"profile\":\"prod-admin\",\"duration\":\"1h\",\"justification\":\"slow\"}}";
        long started = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", s.server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/requests HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TestServer.FRANK
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body.substring(0, 20).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // ... and nothing more: the idle timeout ends the wait.
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 408") || answer.startsWith("HTTP/1.1 400"), answer);
        }
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(4).toNanos());
        assertEquals(0, s.stored());
    }

    @Test
    void anUnknownEndpointIsAProblemToo() throws Exception {
        problem(s.get("/v1/nothing-here", TestServer.GATEWAY), 404, "NOT_FOUND");
        problem(s.get("/v1/decide", TestServer.GATEWAY), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void aBadQueryParameterIsRefused() throws Exception {
        problem(s.post("/v1/decide?explain=maybe", TestServer.GATEWAY, "{\"requester\":\"a\",\"profile\":\"prod-admin\"}"),
                400, "INVALID_PARAMETER");
        problem(s.get("/v1/requests?limit=100000", TestServer.FRANK), 400, "INVALID_PARAMETER");
        problem(s.get("/v1/requests?status=happy", TestServer.FRANK), 400, "INVALID_PARAMETER");
    }
}
