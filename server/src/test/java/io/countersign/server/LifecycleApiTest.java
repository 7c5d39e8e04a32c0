package io.countersign.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.json.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request lifecycle over HTTP: submit (idempotent), list, show, the actions, refusals with their codes. */
class LifecycleApiTest {

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

    static String submit(String id, String justification) throws Exception {
        HttpResponse<String> r = s.post("/v1/requests", TestServer.FRANK, "{\"request\":{" + (id == null ? "" : "\"id\":\"" + id + "\",")
                + "\"profile\":\"prod-admin\",\"duration\":\"1h\",\"justification\":\"" + justification + "\"}}");
        assertEquals(201, r.statusCode(), r.body());
        return json(r).path("request").path("id").asText();
    }

    @Test
    void submitShowApproveAndTheRecordVerifies() throws Exception {
        String id = submit(null, "rotate keys");
        JsonNode shown = json(s.get("/v1/requests/" + id, TestServer.BOB));
        assertEquals("pending", shown.path("request").path("status").asText(), shown.toString());
        assertEquals("frank", shown.path("request").path("requester").asText());
        HttpResponse<String> a = s.post("/v1/requests/" + id + "/approve", TestServer.BOB, "{\"rationale\":\"ok\",\"duration\":\"30m\"}");
        assertEquals(200, a.statusCode(), a.body());
        assertEquals("approved", json(a).path("request").path("status").asText());
        JsonNode after = json(s.get("/v1/requests/" + id, TestServer.FRANK));
        assertTrue(after.path("chain").path("intact").asBoolean(), after.toString());
        assertEquals(1, after.path("decisions").size());
        assertTrue(after.path("events").size() >= 3, after.toString());
        HttpResponse<String> access = s.post("/v1/access", TestServer.GATEWAY, "{\"requester\":\"frank\",\"profile\":\"prod-admin\"}");
        assertEquals("allowed", json(access).path("answer").path("access").asText(), access.body());
        HttpResponse<String> revoked = s.post("/v1/requests/" + id + "/revoke", TestServer.BOB, "{\"rationale\":\"done\"}");
        assertEquals(200, revoked.statusCode(), revoked.body());
        assertEquals("revoked", json(revoked).path("request").path("status").asText());
    }

    /**
     * A JSON body can carry a lone surrogate, which UTF-8 cannot: the record keeps it exactly, still
     * verifies, and can be acted on. A client's id that no store keeps as it is, is refused by name.
     */
    @Test
    void textIsKeptExactlyAndAnIdNoStoreKeepsIsRefusedByName() throws Exception {
        String id = submit(null, "rotate \\ud800 keys");
        HttpResponse<String> a = s.post("/v1/requests/" + id + "/approve", TestServer.BOB, "{\"rationale\":\"ok \\udc00\"}");
        assertEquals(200, a.statusCode(), a.body());
        JsonNode after = json(s.get("/v1/requests/" + id, TestServer.FRANK));
        assertTrue(after.path("chain").path("intact").asBoolean(), after.toString());
        assertEquals("rotate \uD800 keys", after.path("request").path("justification").asText());
        assertEquals("ok \uDC00", after.path("decisions").path(0).path("rationale").asText(), after.toString());
        HttpResponse<String> bad = s.post("/v1/requests", TestServer.FRANK,
                "{\"request\":{\"id\":\"a b\",\"profile\":\"prod-admin\",\"duration\":\"1h\",\"justification\":\"x\"}}");
        ProblemDocumentTest.problem(bad, 400, "INVALID_REQUEST");
        assertTrue(bad.body().contains("field 'id'"), bad.body());
    }

    @Test
    void submissionIsIdempotentByTheClientsId() throws Exception {
        String body = "{\"request\":{\"id\":\"client-42\",\"profile\":\"prod-admin\",\"duration\":\"1h\",\"justification\":\"same\"}}";
        HttpResponse<String> first = s.post("/v1/requests", TestServer.FRANK, body);
        HttpResponse<String> again = s.post("/v1/requests", TestServer.FRANK, body);
        assertEquals(201, first.statusCode(), first.body());
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(json(first).path("request"), json(again).path("request"));
        HttpResponse<String> other = s.post("/v1/requests", TestServer.FRANK,
                "{\"request\":{\"id\":\"client-42\",\"profile\":\"prod-admin\",\"duration\":\"2h\",\"justification\":\"other\"}}");
        ProblemDocumentTest.problem(other, 409, "ID_IN_USE");
    }

    @Test
    void refusalsCarryTheEnginesCode() throws Exception {
        String id = submit(null, "mine");
        ProblemDocumentTest.problem(s.post("/v1/requests/" + id + "/approve", TestServer.FRANK, "{}"), 409, "OWN_REQUEST");
        ProblemDocumentTest.problem(s.post("/v1/requests/" + id + "/approve", TestServer.BOB,
                "{\"duration\":\"8h\"}"), 409, "WIDENS_GRANT");
        assertEquals(200, s.post("/v1/requests/" + id + "/deny", TestServer.BOB, "{\"rationale\":\"no\"}").statusCode());
        ProblemDocumentTest.problem(s.post("/v1/requests/" + id + "/approve", TestServer.ERIN, "{}"), 409, "WRONG_STATE");
        ProblemDocumentTest.problem(s.post("/v1/requests/no-such-request/approve", TestServer.ERIN, "{}"), 404, "NOT_FOUND");
    }

    @Test
    void cancelAndDelegate() throws Exception {
        String a = submit(null, "cancel me");
        HttpResponse<String> c = s.post("/v1/requests/" + a + "/cancel", TestServer.FRANK, "{}");
        assertEquals("cancelled", json(c).path("request").path("status").asText(), c.body());
        String b = submit(null, "delegate me");
        HttpResponse<String> d = s.post("/v1/requests/" + b + "/delegate", TestServer.BOB, "{\"to\":\"alice\"}");
        assertEquals(200, d.statusCode(), d.body());
        ProblemDocumentTest.problem(s.post("/v1/requests/" + b + "/delegate", TestServer.BOB, "{}"), 400, "INVALID_FIELD");
    }

    @Test
    void theStatementToSignIsServed() throws Exception {
        String id = submit(null, "sign it");
        HttpResponse<String> r = s.post("/v1/requests/" + id + "/statement", TestServer.BOB,
                "{\"action\":\"APPROVE\",\"rationale\":\"fine\",\"signedAt\":\"2026-03-02T10:00:00Z\"}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode n = json(r);
        assertEquals("bob", n.path("statement").path("actor").asText(), r.body());
        assertTrue(n.path("canonical").asText().contains("\"action\":\"approve\""), r.body());
    }

    /** The decider's remarks: in the statement to sign, kept in the decision, a confidence outside 0–1 refused as bad input. */
    @Test
    void theDecidersRemarksAreSignedAndKept() throws Exception {
        String id = submit(null, "remarks");
        String remarks = "\"rationale\":\"fine\",\"comments\":\"watch it\",\"confidenceLevel\":0.8,"
                + "\"consultedParties\":[\"dba\"],\"evidenceProvided\":[\"CHG-5\"]";
        HttpResponse<String> st = s.post("/v1/requests/" + id + "/statement", TestServer.BOB,
                "{\"action\":\"APPROVE\"," + remarks + "}");
        assertEquals(200, st.statusCode(), st.body());
        assertTrue(json(st).path("canonical").asText().contains("\"comments\":\"watch it\",\"confidenceLevel\":0.8,"
                + "\"consultedParties\":[\"dba\"]"), st.body());
        JsonNode bad = ProblemDocumentTest.problem(s.post("/v1/requests/" + id + "/approve", TestServer.BOB,
                "{\"rationale\":\"fine\",\"confidenceLevel\":1.5}"), 400, "INVALID_REQUEST");
        assertTrue(bad.path("detail").asText().contains("confidenceLevel"), bad.toString());
        HttpResponse<String> a = s.post("/v1/requests/" + id + "/approve", TestServer.BOB, "{" + remarks + "}");
        assertEquals(200, a.statusCode(), a.body());
        JsonNode d = json(s.get("/v1/requests/" + id, TestServer.FRANK)).path("decisions").get(0);
        assertEquals("watch it", d.path("comments").asText(), d.toString());
        assertEquals(0.8, d.path("confidenceLevel").asDouble(), d.toString());
        assertEquals("[\"dba\"]", d.path("consultedParties").asText());
        assertEquals("[\"CHG-5\"]", d.path("evidenceProvided").asText());
    }

    @Test
    void theStatementOfASubmissionIsServedForItsRequesterOnly() throws Exception {
        String id = java.util.UUID.randomUUID().toString();
        String request = "{\"id\":\"" + id + "\",\"profile\":\"prod-admin\",\"duration\":\"1h\",\"justification\":\"sign\"}";
        HttpResponse<String> r = s.post("/v1/requests/statement", TestServer.FRANK,
                "{\"request\":" + request + ",\"signedAt\":\"2026-03-02T10:00:00Z\"}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode n = json(r);
        assertEquals("frank", n.path("statement").path("actor").asText(), r.body());
        assertEquals(id, n.path("statement").path("requestId").asText(), r.body());
        assertTrue(n.path("canonical").asText().contains("\"action\":\"submit\""), r.body());
        ProblemDocumentTest.problem(s.post("/v1/requests/statement", TestServer.FRANK,
                "{\"request\":{\"profile\":\"prod-admin\",\"duration\":\"1h\"}}"), 400, "INVALID_FIELD");
        HttpResponse<String> other = s.post("/v1/requests/statement", TestServer.BOB,
                "{\"request\":" + request.replace("{\"id\"", "{\"requester\":\"frank\",\"id\"") + "}");
        assertEquals(403, other.statusCode(), other.body());
        HttpResponse<String> none = s.get("/v1/requests/" + id, TestServer.FRANK);
        assertEquals(404, none.statusCode(), "a statement writes nothing: " + none.body());
    }

    @Test
    void listFiltersCombineAndCursorsPage() throws Exception {
        for (int i = 0; i < 5; i++) {
            submit(null, "page " + i);
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResponse<String> r = s.get("/v1/requests?requester=frank&status=pending&limit=2"
                    + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8)),
                    TestServer.BOB);
            assertEquals(200, r.statusCode(), r.body());
            JsonNode n = json(r);
            for (JsonNode item : n.path("items")) {
                assertEquals("pending", item.path("status").asText());
                assertTrue(seen.add(item.path("id").asText()), "a request was listed twice");
            }
            cursor = n.path("next").isTextual() ? n.path("next").asText() : null;
            pages++;
        } while (cursor != null && pages < 50);
        assertTrue(seen.size() >= 5, seen.toString());
        JsonNode inbox = json(s.get("/v1/requests?inbox=true&profile=prod-admin&limit=200", TestServer.ERIN));
        assertFalse(inbox.path("items").isEmpty());
        assertNotEquals(0, inbox.path("items").size());
    }

    @Test
    void theSweepIsTheAdminsAndAnswersItsReport() throws Exception {
        HttpResponse<String> r = s.post("/v1/sweep", TestServer.ADMIN, "{}");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(json(r).path("report").path("expired").isArray(), r.body());
    }

    /** An auditor's note over HTTP: its statement served, the note kept as an event, read into the decision's auditNotes. */
    @Test
    void anAuditorAnnotatesADecisionAndShowReadsTheNoteIntoIt() throws Exception {
        String id = submit(null, "audit me");
        assertEquals(200, s.post("/v1/requests/" + id + "/approve", TestServer.BOB, "{\"rationale\":\"ok\"}").statusCode());
        HttpResponse<String> st = s.post("/v1/requests/" + id + "/statement", TestServer.ERIN,
                "{\"action\":\"NOTE\",\"text\":\"Ticket checked\"}");
        assertEquals(200, st.statusCode(), st.body());
        assertTrue(json(st).path("canonical").asText().contains("\"action\":\"note\""), st.body());
        ProblemDocumentTest.problem(s.post("/v1/requests/" + id + "/note", TestServer.FRANK, "{\"text\":\"mine\"}"), 409,
                "NOT_ELIGIBLE");
        ProblemDocumentTest.problem(s.post("/v1/requests/" + id + "/note", TestServer.ERIN, "{}"), 400, "INVALID_FIELD");
        HttpResponse<String> n = s.post("/v1/requests/" + id + "/note", TestServer.ERIN, "{\"text\":\"Ticket checked\"}");
        assertEquals(200, n.statusCode(), n.body());
        assertEquals("approved", json(n).path("request").path("status").asText(), n.body());
        JsonNode shown = json(s.get("/v1/requests/" + id, TestServer.BOB));
        assertTrue(shown.path("chain").path("intact").asBoolean(), shown.toString());
        JsonNode notes = Json.mapper().readTree(shown.path("decisions").get(0).path("auditNotes").asText());
        assertEquals("erin", notes.get(0).path("author").asText(), shown.toString());
        assertEquals("Ticket checked", notes.get(0).path("text").asText());
        assertEquals("audit.noted", shown.path("events").get(shown.path("events").size() - 1).path("type").asText());
    }
}
