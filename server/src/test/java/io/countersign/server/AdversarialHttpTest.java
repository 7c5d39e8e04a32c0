package io.countersign.server;

import static io.countersign.server.ProblemDocumentTest.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.json.Json;
import io.countersign.server.config.ServerConfig;
import java.io.ByteArrayOutputStream;
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
 * What an adversarial client sends over real HTTP — nulls where items go, instants at the ends of time
 * or as numbers, numbers with huge exponents, duplicate keys, a second Authorization header, malformed
 * HTTP, a person the directory does not know — is refused with a problem document naming what is wrong,
 * never a 500 nor a guess, and nothing is written.
 */
class AdversarialHttpTest {

    @TempDir
    static Path dir;
    static Jwks issuer;
    static TestServer s;

    static final String DECIDE = "{\"requester\":\"frank\",\"profile\":\"prod-readonly\",\"duration\":\"1h\"}";
    static final String SUBMIT = "{\"request\":{\"profile\":\"prod-admin\",\"duration\":\"1h\",\"justification\":\"x\"}}";

    @BeforeAll
    static void start() throws Exception {
        issuer = new Jwks();
        s = new TestServer(dir, c -> c.withIdleTimeout(Duration.ofSeconds(2)).withOidc(new ServerConfig.Oidc(issuer.issuer(),
                Jwks.AUDIENCE, issuer.jwksUri(), null, null, null, null)));
    }

    @AfterAll
    static void stop() {
        s.close();
        issuer.close();
    }

    static String detail(HttpResponse<String> r, int status, String code) throws Exception {
        return problem(r, status, code).path("detail").asText();
    }

    static String submitted() throws Exception {
        HttpResponse<String> r = s.post("/v1/requests", TestServer.FRANK, SUBMIT);
        assertEquals(201, r.statusCode(), r.body());
        return Json.mapper().readTree(r.body()).path("request").path("id").asText();
    }

    @Test
    void aBatchOfNullOrWithANullItemIsRefusedByName() throws Exception {
        problem(s.post("/v1/decide/batch", TestServer.GATEWAY, "null"), 400, "MALFORMED_JSON");
        problem(s.post("/v1/access/batch", TestServer.GATEWAY, "null"), 400, "MALFORMED_JSON");
        assertTrue(detail(s.post("/v1/decide/batch", TestServer.GATEWAY, "{\"requests\":[" + DECIDE + ",null]}"), 400,
                "INVALID_FIELD").contains("requests[1]"));
        assertTrue(detail(s.post("/v1/access/batch", TestServer.GATEWAY, "{\"questions\":[null]}"), 400, "INVALID_FIELD")
                .contains("questions[0]"));
    }

    @Test
    void anInstantBeyondTheCalendarIsRefusedByName() throws Exception {
        for (String at : new String[] {"+1000000000-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z"}) {
            assertTrue(detail(s.post("/v1/access", TestServer.GATEWAY, "{\"requester\":\"frank\",\"profile\":\"prod-readonly\","
                    + "\"at\":\"" + at + "\"}"), 400, "INVALID_FIELD").contains("at"));
            assertTrue(detail(s.post("/v1/requests/statement", TestServer.FRANK, "{\"request\":{\"id\":\"r-1\",\"profile\":"
                    + "\"prod-admin\",\"duration\":\"1h\",\"justification\":\"x\"},\"signedAt\":\"" + at + "\"}"), 400,
                    "INVALID_FIELD").contains("signedAt"));
        }
    }

    @Test
    void anInstantIsAStringNeverANumberReadAsSomeOtherTime() throws Exception {
        // Jackson reads a number as seconds since 1970, and 1e300 as 1970 itself: a question about another time.
        assertTrue(detail(s.post("/v1/access", TestServer.GATEWAY, "{\"requester\":\"frank\",\"profile\":\"prod-readonly\","
                + "\"at\":1e300}"), 400, "INVALID_FIELD").contains("'at'"));
        assertTrue(detail(s.post("/v1/decide", TestServer.GATEWAY, "{\"requester\":\"frank\",\"profile\":\"prod-readonly\","
                + "\"duration\":\"1h\",\"at\":0}"), 400, "INVALID_FIELD").contains("'at'"));
        assertTrue(detail(s.post("/v1/decide/batch", TestServer.GATEWAY, "{\"requests\":[{\"requester\":\"frank\",\"profile\":"
                + "\"prod-readonly\",\"duration\":\"1h\",\"at\":0}]}"), 400, "INVALID_FIELD").contains("'at'"));
        String id = submitted();
        assertTrue(detail(s.post("/v1/requests/" + id + "/statement", TestServer.BOB, "{\"action\":\"APPROVE\",\"signedAt\":1e300}"),
                400, "INVALID_FIELD").contains("'signedAt'"));
    }

    @Test
    void aConfidenceWithAHugeExponentIsRefusedAtOnceAndNeverStored() throws Exception {
        String id = submitted();
        long started = System.nanoTime();
        // Written out in full, 1e999999999 is a billion digits: the refusal must not write it so.
        assertTrue(detail(s.post("/v1/requests/" + id + "/statement", TestServer.BOB,
                "{\"action\":\"APPROVE\",\"confidenceLevel\":1e999999999}"), 400, "INVALID_REQUEST").contains("confidenceLevel"));
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(5).toNanos());
        // ... nor is a confidence of a billion decimal places kept, for every reader to write out.
        assertTrue(detail(s.post("/v1/requests/" + id + "/approve", TestServer.BOB, "{\"confidenceLevel\":1e-999999999}"), 400,
                "INVALID_REQUEST").contains("confidenceLevel"));
        assertEquals("pending", Json.mapper().readTree(s.get("/v1/requests/" + id, TestServer.BOB).body())
                .path("request").path("status").asText());
    }

    @Test
    void aPersonTheDirectoryDoesNotKnowReadsNothingEither() throws Exception {
        String id = submitted();
        String mallory = issuer.token("mallory");
        problem(s.get("/v1/requests?requester=frank", mallory), 403, "FORBIDDEN");
        problem(s.get("/v1/requests/" + id, mallory), 403, "FORBIDDEN");
        problem(s.get("/v1/followups", mallory), 403, "FORBIDDEN");
        problem(s.post("/v1/decide", mallory, DECIDE), 403, "FORBIDDEN");
        problem(s.post("/v1/access", mallory, "{\"requester\":\"frank\",\"profile\":\"prod-readonly\"}"), 403, "FORBIDDEN");
        assertEquals(200, s.get("/v1/requests/" + id, issuer.token("alice")).statusCode());
    }

    @Test
    void aKeyGivenTwiceIsRefusedNotReadAsTheLastOne() throws Exception {
        int before = s.stored();
        String twice = "{\"request\":{\"profile\":\"prod-admin\",\"duration\":\"1h\",\"justification\":\"x\"},"
                + "\"request\":{\"profile\":\"prod-readonly\",\"duration\":\"1h\",\"justification\":\"y\"}}";
        assertTrue(detail(s.post("/v1/requests", TestServer.FRANK, twice), 400, "MALFORMED_JSON").contains("request"));
        assertTrue(detail(s.post("/v1/decide", TestServer.GATEWAY, "{\"requester\":\"carol\",\"profile\":\"prod-admin\","
                + "\"duration\":\"1h\",\"requester\":\"frank\"}"), 400, "MALFORMED_JSON").contains("requester"));
        problem(s.post("/v1/decide/batch", TestServer.GATEWAY, "{\"requests\":[{\"requester\":\"carol\",\"requester\":\"frank\","
                + "\"profile\":\"prod-admin\",\"duration\":\"1h\"}]}"), 400, "MALFORMED_JSON");
        assertEquals(before, s.stored());
    }

    @Test
    void aSecondAuthorizationHeaderIsRefused() throws Exception {
        String answer = raw("GET /v1/requests HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TestServer.FRANK
                + "\r\nAuthorization: Bearer " + TestServer.BOB + "\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 401"), answer);
        assertTrue(answer.contains("application/problem+json") && answer.contains("\"UNAUTHENTICATED\""), answer);
    }

    @Test
    void aFlagIsTrueOrFalseOrRefused() throws Exception {
        assertTrue(detail(s.get("/v1/requests?inbox=TRUE", TestServer.BOB), 400, "INVALID_PARAMETER").contains("inbox"));
        assertTrue(detail(s.get("/v1/followups?overdue=yes", TestServer.BOB), 400, "INVALID_PARAMETER").contains("overdue"));
        assertEquals(200, s.get("/v1/requests?inbox=false", TestServer.BOB).statusCode());
        assertEquals(200, s.get("/v1/followups?overdue=true", TestServer.BOB).statusCode());
    }

    /**
     * HEAD is not the API's: answered 200 for every GET route it would tell a caller without a token that
     * a request exists, and a readiness check that all is well when it was never asked. Only the liveness
     * route takes it.
     */
    @Test
    void headIsRefusedOutsideTheHealthRoutes() throws Exception {
        String id = submitted();
        for (String path : new String[] {"/v1/requests", "/v1/requests/" + id, "/v1/followups", "/metrics", "/readyz"}) {
            HttpResponse<String> r = s.http.send(HttpRequest.newBuilder(URI.create(s.base() + path))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, r.statusCode(), path);
        }
        HttpResponse<String> health = s.http.send(HttpRequest.newBuilder(URI.create(s.base() + "/healthz"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
    }

    @Test
    void aMediaTypeThatOnlyBeginsLikeJsonIsRefused() throws Exception {
        HttpResponse<String> r = s.http.send(HttpRequest.newBuilder(URI.create(s.base() + "/v1/decide"))
                .header("Authorization", "Bearer " + TestServer.GATEWAY).header("Content-Type", "application/jsonp")
                .POST(HttpRequest.BodyPublishers.ofString(DECIDE)).build(), HttpResponse.BodyHandlers.ofString());
        problem(r, 415, "UNSUPPORTED_MEDIA_TYPE");
        HttpResponse<String> ok = s.http.send(HttpRequest.newBuilder(URI.create(s.base() + "/v1/decide"))
                .header("Authorization", "Bearer " + TestServer.GATEWAY).header("Content-Type", "Application/JSON; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(DECIDE)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode(), ok.body());
    }

    @Test
    void whatHttpItselfRefusesIsAProblemDocumentToo() throws Exception {
        String[] requests = {
            "GET /v1/requests/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /v1/requests/%C0%AF HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n",
            "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n",
            "POST /v1/decide HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\nConnection: close\r\n\r\n{}",
        };
        for (String request : requests) {
            String answer = raw(request);
            assertTrue(answer.matches("(?s)HTTP/1.1 4\\d\\d .*"), answer);
            assertTrue(answer.contains("Content-Type: application/problem+json"), answer);
            JsonNode n = Json.mapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertEquals(Integer.parseInt(answer.substring(9, 12)), n.path("status").asInt(), answer);
            assertTrue(n.hasNonNull("code") && n.hasNonNull("title") && n.hasNonNull("detail") && n.hasNonNull("requestId"), answer);
            assertTrue(!answer.contains("<html") && !answer.contains("Exception"), answer);
        }
    }

    @Test
    void aBodyNestedDeeperThanARecordCanBeShownIsRefusedUnwritten() throws Exception {
        int before = s.stored();
        String deep = "[".repeat(996) + "]".repeat(996);
        // Accepted before, and then every GET /v1/requests/{id} of it was a 500: Jackson writes at most 1,000 levels.
        assertTrue(detail(s.post("/v1/requests", TestServer.FRANK, "{\"request\":{\"profile\":\"prod-admin\",\"duration\":"
                + "\"1h\",\"justification\":\"x\",\"context\":{\"k\":" + deep + "}}}"), 400, "INVALID_FIELD").contains("request.context"));
        problem(s.post("/v1/decide/batch", TestServer.GATEWAY, "{\"requests\":[{\"requester\":\"frank\",\"profile\":\"prod-db\","
                + "\"duration\":\"1h\",\"context\":{\"k\":" + deep + "}}]}"), 400, "INVALID_FIELD");
        assertEquals(before, s.stored());
        String fine = "[".repeat(90) + "]".repeat(90);
        HttpResponse<String> r = s.post("/v1/requests", TestServer.FRANK, "{\"request\":{\"profile\":\"prod-admin\",\"duration\":"
                + "\"1h\",\"justification\":\"x\",\"context\":{\"k\":" + fine + "}}}");
        assertEquals(201, r.statusCode(), r.body());
        String id = Json.mapper().readTree(r.body()).path("request").path("id").asText();
        assertEquals(200, s.get("/v1/requests/" + id, TestServer.BOB).statusCode());
    }

    @Test
    void aChunkedBodyIsHeldToTheLimitToo() throws Exception {
        int before = s.stored();
        StringBuilder req = new StringBuilder("POST /v1/requests HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TestServer.FRANK
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        String chunk = "{\"request\":{\"justification\":\"" + "a".repeat(65_536);
        for (int i = 0; i < 20; i++) {
            req.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
            chunk = "a".repeat(65_536);
        }
        String answer = raw(req.append("0\r\n\r\n").toString());
        assertTrue(answer.startsWith("HTTP/1.1 413") && answer.contains("BODY_TOO_LARGE"), answer);
        assertEquals(before, s.stored());
    }

    /** What the server answers to these bytes, headers and body (up to 64 KB). */
    static String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", s.server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (java.io.IOException closedEarly) {
                // the server may answer and close before it has read all of a body it refuses
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            for (int n; got.size() < 65_536 && (n = in.read(buf)) > 0; ) {
                got.write(buf, 0, n);
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }
}
