package io.countersign.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.json.Json;
import java.lang.reflect.RecordComponent;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document served at {@code /v1/openapi.json} against the implementation: the same
 * endpoints both ways, each schema with the fields of the record it documents, answers that fit it.
 */
class OpenApiTest {

    @TempDir
    static Path dir;
    static TestServer s;
    static JsonNode doc;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer(dir);
        HttpResponse<String> r = s.get("/v1/openapi.json", null);
        assertEquals(200, r.statusCode());
        doc = Json.mapper().readTree(r.body());
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void theDocumentIsOpenApi3() {
        assertTrue(doc.path("openapi").asText().startsWith("3."));
        assertEquals("v1", doc.path("info").path("version").asText());
    }

    @Test
    void everyEndpointServedIsDocumentedAndNoOtherIs() {
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            path.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey()));
        }
        assertEquals(new TreeSet<>(s.server.routes()), documented);
    }

    @Test
    void everyRecordSchemaHasTheRecordsFieldsExactly() throws Exception {
        int checked = 0;
        for (Map.Entry<String, JsonNode> e : doc.path("components").path("schemas").properties()) {
            String type = e.getValue().path("x-countersign-record").asText(null);
            if (type == null) {
                continue;
            }
            Set<String> fields = Arrays.stream(Class.forName(type).getRecordComponents()).map(RecordComponent::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> props = new TreeSet<>();
            e.getValue().path("properties").fieldNames().forEachRemaining(props::add);
            assertEquals(fields, props, e.getKey() + " documents " + type);
            checked++;
        }
        assertTrue(checked >= 15, "records checked: " + checked);
    }

    @Test
    void everyReferenceResolves() {
        Set<String> names = new TreeSet<>();
        doc.path("components").path("schemas").fieldNames().forEachRemaining(names::add);
        doc.findValues("$ref").forEach(r -> assertTrue(names.contains(r.asText().replace("#/components/schemas/", "")), r.asText()));
    }

    @Test
    void answersFitTheirSchemas() throws Exception {
        fits("DecideAnswer", s.post("/v1/decide?explain=true", TestServer.GATEWAY,
                "{\"requester\":\"alice\",\"profile\":\"prod-admin\",\"duration\":\"1h\"}"));
        fits("AccessAnswerEnvelope", s.post("/v1/access", TestServer.GATEWAY, "{\"requester\":\"alice\",\"profile\":\"prod-admin\"}"));
        fits("RequestAnswer", s.post("/v1/requests", TestServer.FRANK,
                "{\"request\":{\"profile\":\"prod-admin\",\"duration\":\"1h\",\"justification\":\"openapi\"}}"));
        fits("ListAnswer", s.get("/v1/requests?limit=5", TestServer.FRANK));
        fits("Problem", s.post("/v1/decide", TestServer.GATEWAY, "{\"nope\":1}"));
    }

    /** Top-level fields of the answer are documented, and the required ones are there. */
    private static void fits(String schema, HttpResponse<String> r) throws Exception {
        JsonNode answer = Json.mapper().readTree(r.body());
        assertTrue(r.statusCode() < 500, r.body());
        JsonNode sch = doc.path("components").path("schemas").path(schema);
        assertFalse(sch.isMissingNode(), schema);
        answer.fieldNames().forEachRemaining(f -> assertTrue(sch.path("properties").has(f), schema + " lacks " + f));
        sch.path("required").forEach(f -> assertTrue(answer.has(f.asText()), r.body() + " lacks " + f));
    }
}
