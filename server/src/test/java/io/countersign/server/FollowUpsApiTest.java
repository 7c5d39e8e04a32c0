package io.countersign.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventType;
import io.countersign.engine.json.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follow-ups over HTTP: a break-glass grant (frank, on call, during an incident) names who could have
 * approved it, owes a follow-up that is listed, refused to bob (who neither asked nor approved), and
 * marked done by frank with evidence; the statement to sign for it is served.
 */
class FollowUpsApiTest {

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
    void aBreakGlassFollowUpIsListedAndMarkedDoneByItsRequester() throws Exception {
        HttpResponse<String> made = s.post("/v1/requests", TestServer.FRANK, "{\"request\":{\"profile\":\"prod-db\","
                + "\"duration\":\"1h\",\"justification\":\"the primary is down\",\"context\":{\"incident\":\"INC-9\"}}}");
        assertEquals(201, made.statusCode(), made.body());
        String id = json(made).path("request").path("id").asText();
        List<Event> events = s.store.history(id).orElseThrow().events();
        Event used = events.get(events.size() - 1);
        assertEquals(EventType.BREAKGLASS_USED, used.type());
        assertEquals("[\"group:sre-leads\"]", used.data().get("approvers").toString());

        HttpResponse<String> listed = s.get("/v1/followups?as=frank", TestServer.BOB);
        assertEquals(200, listed.statusCode(), listed.body());
        JsonNode item = json(listed).path("items").get(0);
        assertEquals(id + "/1", item.path("id").asText());
        assertEquals("Write the incident up", item.path("action").asText());
        assertEquals(0, json(s.get("/v1/followups?overdue=true", TestServer.BOB)).path("items").size());

        String body = "{\"evidence\":[\"https://wiki.example.com/INC-9\"]}";
        HttpResponse<String> statement = s.post("/v1/requests/" + id + "/followups/1/statement", TestServer.FRANK, body);
        assertEquals(200, statement.statusCode(), statement.body());
        assertTrue(json(statement).path("canonical").asText().contains("\"action\":\"follow_up\""), statement.body());
        HttpResponse<String> bob = s.post("/v1/requests/" + id + "/followups/1/done", TestServer.BOB, body);
        assertEquals(409, bob.statusCode(), bob.body());
        assertEquals("NOT_ELIGIBLE", json(bob).path("code").asText(), bob.body());
        assertEquals(400, s.post("/v1/requests/" + id + "/followups/1/done", TestServer.FRANK, "{}").statusCode());
        assertEquals(400, s.post("/v1/requests/" + id + "/followups/0/done", TestServer.FRANK, body).statusCode());

        HttpResponse<String> done = s.post("/v1/requests/" + id + "/followups/1/done", TestServer.FRANK, body);
        assertEquals(200, done.statusCode(), done.body());
        JsonNode f = json(done).path("request").path("followUps").get(0);
        assertEquals("frank", f.path("doneBy").asText());
        assertEquals(0, json(s.get("/v1/followups?as=frank", TestServer.BOB)).path("items").size());
    }
}
