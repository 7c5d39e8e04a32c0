package io.countersign.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.json.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /v1/decide} and {@code /v1/access}, one and in batches, over a real server. */
class DecisionApiTest {

    @TempDir
    static Path dir;
    static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer(dir);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    @Test
    void decideAnswersTheEvaluationWithRuleIdsAndADecisionId() throws Exception {
        HttpResponse<String> r = s.post("/v1/decide", TestServer.GATEWAY,
                "{\"requester\":\"alice\",\"groups\":[\"oncall\"],\"profile\":\"prod-readonly\",\"duration\":\"2h\","
                        + "\"at\":\"2026-03-02T10:00:00Z\"}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode n = json(r);
        assertEquals("v1", n.path("apiVersion").asText());
        assertFalse(n.path("decisionId").asText().isEmpty());
        assertEquals("conditional", n.path("evaluation").path("outcome").asText());
        assertEquals("production/oncall-readonly", n.path("evaluation").path("rules").get(0).asText());
        assertTrue(n.path("explanation").isMissingNode());
        assertTrue(r.headers().firstValue("X-Request-Id").isPresent());
    }

    @Test
    void explainAddsTheRuleByRuleExplanation() throws Exception {
        HttpResponse<String> r = s.post("/v1/decide?explain=true", TestServer.GATEWAY,
                "{\"requester\":\"carol\",\"attributes\":{\"employment\":\"contractor\"},\"profile\":\"prod-admin\","
                        + "\"duration\":\"1h\",\"at\":\"2026-03-02T10:00:00Z\"}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode n = json(r);
        assertEquals("denied", n.path("evaluation").path("outcome").asText());
        assertTrue(n.path("explanation").path("policies").isArray(), r.body());
        assertTrue(r.body().contains("contractors-not-admin"));
    }

    @Test
    void aBatchIsAnsweredInOrderEachWithItsOwnIdOrProblem() throws Exception {
        HttpResponse<String> r = s.post("/v1/decide/batch", TestServer.GATEWAY,
                "{\"requests\":[{\"requester\":\"alice\",\"groups\":[\"oncall\"],\"profile\":\"prod-readonly\",\"duration\":\"1h\"},"
                        + "{\"requester\":\"\",\"profile\":\"prod-admin\",\"duration\":\"1h\"}]}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode results = json(r).path("results");
        assertEquals(2, results.size());
        assertEquals("conditional", results.get(0).path("evaluation").path("outcome").asText());
        assertEquals("INVALID_REQUEST", results.get(1).path("problem").path("code").asText(), r.body());
        assertFalse(results.get(0).path("decisionId").asText().isEmpty());
    }

    @Test
    void accessAsksWithContextAndAnswersWithADecisionId() throws Exception {
        HttpResponse<String> r = s.post("/v1/access", TestServer.GATEWAY,
                "{\"requester\":\"frank\",\"profile\":\"prod-readonly\"}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode n = json(r);
        assertEquals("allowed", n.path("answer").path("access").asText(), r.body());
        assertFalse(n.path("decisionId").asText().isEmpty());
        HttpResponse<String> without = s.post("/v1/access", TestServer.GATEWAY, "{\"requester\":\"frank\",\"profile\":\"prod-db\"}");
        assertEquals("denied", json(without).path("answer").path("access").asText(), without.body());
        HttpResponse<String> during = s.post("/v1/access", TestServer.GATEWAY,
                "{\"requester\":\"frank\",\"profile\":\"prod-db\",\"context\":{\"incident\":\"INC-42\"}}");
        assertEquals("allowed", json(during).path("answer").path("access").asText(), during.body());
        assertTrue(json(during).path("answer").path("reason").asText().contains("production/incident"), during.body());
        HttpResponse<String> b = s.post("/v1/access/batch", TestServer.GATEWAY,
                "{\"questions\":[{\"requester\":\"carol\",\"profile\":\"prod-admin\"},{\"requester\":\"frank\",\"profile\":\"prod-readonly\"}]}");
        assertEquals(200, b.statusCode(), b.body());
        assertEquals("denied", json(b).path("results").get(0).path("answer").path("access").asText());
        assertEquals("allowed", json(b).path("results").get(1).path("answer").path("access").asText());
    }
}
