package io.countersign.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.json.Json;
import io.countersign.engine.precedent.PrecedentSettings;
import io.countersign.server.config.ConfigLoader;
import io.countersign.server.config.ServerConfig;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Precedents over HTTP: a request's show answer summarises them (counts, and each with by whom and
 * why), the decision made on it lists their ids, the inbox listing carries them; server.yaml and the
 * environment set how they are sought.
 */
class PrecedentApiTest {

    @TempDir
    static Path dir;
    static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer(dir, c -> c.withPrecedents(PrecedentSettings.DEFAULT.withLimit(5)));
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    static String submit(String justification) throws Exception {
        HttpResponse<String> r = s.post("/v1/requests", TestServer.FRANK, "{\"request\":{\"profile\":\"prod-admin\","
                + "\"duration\":\"1h\",\"justification\":\"" + justification + "\"}}");
        assertEquals(201, r.statusCode(), r.body());
        return json(r).path("request").path("id").asText();
    }

    @Test
    void showSummarisesThePrecedentsAndTheDecisionListsThem() throws Exception {
        String approved = submit("rotate keys");
        assertEquals(200, s.post("/v1/requests/" + approved + "/approve", TestServer.BOB,
                "{\"rationale\":\"on the calendar\"}").statusCode());
        String denied = submit("rotate keys again");
        assertEquals(200, s.post("/v1/requests/" + denied + "/deny", TestServer.BOB,
                "{\"rationale\":\"no: the freeze\"}").statusCode());
        String asked = submit("and again");

        JsonNode shown = json(s.get("/v1/requests/" + asked, TestServer.ERIN));
        JsonNode p = shown.path("precedents");
        assertEquals(2, p.path("count").asInt(), shown.toString());
        assertEquals(1, p.path("approved").asInt());
        assertEquals(1, p.path("denied").asInt());
        assertEquals("2 similar requests: 1 approved, 1 denied", p.path("headline").asText());
        assertEquals(denied, p.path("precedents").get(0).path("requestId").asText());
        assertEquals("denied", p.path("precedents").get(0).path("decision").asText());
        assertEquals("bob", p.path("precedents").get(0).path("approver").asText());
        assertEquals("no: the freeze", p.path("precedents").get(0).path("rationale").asText());
        assertEquals(approved, p.path("precedents").get(1).path("requestId").asText());
        assertEquals("on the calendar", p.path("precedents").get(1).path("rationale").asText());
        assertEquals(p.path("precedents"), shown.path("request").path("precedents"), "as the request keeps them");

        JsonNode inbox = json(s.get("/v1/requests?inbox=true", TestServer.ERIN));
        JsonNode listed = null;
        for (JsonNode item : inbox.path("items")) {
            listed = item.path("id").asText().equals(asked) ? item : listed;
        }
        assertTrue(listed != null && listed.path("precedents").size() == 2, inbox.toString());

        assertEquals(200, s.post("/v1/requests/" + asked + "/approve", TestServer.ERIN, "{\"rationale\":\"seen it\"}")
                .statusCode());
        JsonNode after = json(s.get("/v1/requests/" + asked, TestServer.ERIN));
        assertTrue(after.path("chain").path("intact").asBoolean(), after.toString());
        String ids = "[\"" + p.path("precedents").get(0).path("decisionId").asText() + "\",\""
                + p.path("precedents").get(1).path("decisionId").asText() + "\"]";
        assertEquals(ids, after.path("decisions").get(0).path("precedentIds").asText());

        JsonNode none = json(s.get("/v1/requests/" + approved, TestServer.ERIN)).path("precedents");
        assertEquals(0, none.path("count").asInt());
        assertEquals("no similar requests", none.path("headline").asText());
    }

    @Test
    void serverYamlAndTheEnvironmentSetHowTheyAreSought() throws Exception {
        Path yaml = Files.writeString(dir.resolve("server.yaml"), "precedents: {window: 30d, limit: 3}\n");
        ServerConfig c = ConfigLoader.load(yaml, Map.<String, String>of()::get);
        assertEquals(Duration.ofDays(30), c.precedents().window());
        assertEquals(3, c.precedents().limit());
        assertEquals(100, c.precedents().candidates());
        ServerConfig e = ConfigLoader.load(yaml, Map.of("COUNTERSIGN_PRECEDENTS", "0")::get);
        assertEquals(0, e.precedents().limit(), "the environment over the file");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(yaml, Map.of("COUNTERSIGN_PRECEDENT_WINDOW", "-3d")::get));
        assertTrue(bad.getMessage().startsWith("COUNTERSIGN_PRECEDENT_WINDOW: "), bad.getMessage());
        Path wrong = Files.writeString(dir.resolve("wrong.yaml"), "precedents: {limit: 1000}\n");
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(wrong, Map.<String, String>of()::get));
        assertTrue(big.getMessage().startsWith("precedents.limit: "), big.getMessage());
    }
}
