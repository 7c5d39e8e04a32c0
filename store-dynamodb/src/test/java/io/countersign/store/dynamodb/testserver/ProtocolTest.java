package io.countersign.store.dynamodb.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * The wire: API Reference, "Making HTTP requests to DynamoDB" (POST to /, X-Amz-Target
 * DynamoDB_20120810.Operation, Content-Type application/x-amz-json-1.0, a JSON body) and "Error handling"
 * (HTTP 400 with {@code __type} and {@code message}); a CRC32 of the body in {@code x-amz-crc32}.
 */
class ProtocolTest extends ServerTestBase {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> post(String target, String contentType, String body, boolean signed)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.endpoint()).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType);
        if (target != null) {
            b.header("X-Amz-Target", target);
        }
        if (signed) {
            b.header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/eu-west-1/dynamodb/aws4_request,"
                    + " SignedHeaders=host, Signature=0");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    void listensOnLoopbackOnly() {
        assertEquals("127.0.0.1", server.endpoint().getHost());
    }

    @Test
    void anAnswerCarriesItsTypeAndChecksum() throws Exception {
        HttpResponse<String> r = post("DynamoDB_20120810.DescribeTimeToLive", "application/x-amz-json-1.0",
                "{\"TableName\":\"" + table() + "\"}", true);
        assertEquals(200, r.statusCode());
        assertEquals("application/x-amz-json-1.0", r.headers().firstValue("Content-Type").orElseThrow());
        CRC32 crc = new CRC32();
        crc.update(r.body().getBytes(StandardCharsets.UTF_8));
        assertEquals(Long.toString(crc.getValue()), r.headers().firstValue("x-amz-crc32").orElseThrow());
        assertEquals("DISABLED", json(r).at("/TimeToLiveDescription/TimeToLiveStatus").asText());
    }

    @Test
    void errorsAreStatus400WithTypeAndMessage() throws Exception {
        HttpResponse<String> r = post("DynamoDB_20120810.DescribeTable", "application/x-amz-json-1.0",
                "{\"TableName\":\"nowhere\"}", true);
        assertEquals(400, r.statusCode());
        assertEquals("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", json(r).get("__type").asText());
        assertEquals("Requested resource not found: Table: nowhere not found", json(r).get("message").asText());
        r = post("DynamoDB_20120810.DescribeTable", "application/x-amz-json-1.0", "{\"TableName\":\"x\"}", true);
        assertEquals("com.amazon.coral.validate#ValidationException", json(r).get("__type").asText());
    }

    @Test
    void unknownOperationsBadBodiesAndUnsignedRequestsAreRefused() throws Exception {
        HttpResponse<String> r = post("DynamoDB_20120810.Frobnicate", "application/x-amz-json-1.0", "{}", true);
        assertEquals(400, r.statusCode());
        assertEquals("com.amazon.coral.service#UnknownOperationException", json(r).get("__type").asText());
        r = post(null, "application/x-amz-json-1.0", "{}", true);
        assertEquals("com.amazon.coral.service#UnknownOperationException", json(r).get("__type").asText());
        r = post("DynamoDB_20120810.DescribeTable", "application/x-amz-json-1.0", "{not json", true);
        assertEquals("com.amazon.coral.service#SerializationException", json(r).get("__type").asText());
        r = post("DynamoDB_20120810.DescribeTable", "application/x-amz-json-1.0", "{\"TableName\":\"abc\"}", false);
        assertEquals("com.amazon.coral.service#MissingAuthenticationTokenException", json(r).get("__type").asText());
    }

    // What the double does not implement is refused by a name of its own, never answered as if by DynamoDB.
    @Test
    void whatIsNotImplementedIsRefusedByName() throws Exception {
        HttpResponse<String> r = post("DynamoDB_20120810.TransactGetItems", "application/x-amz-json-1.0", "{\"TransactItems\":[]}", true);
        assertEquals("io.countersign.testserver#NotImplementedByTestDouble", json(r).get("__type").asText());
        String t = table();
        DynamoDbException e = refused(DynamoDbException.class, "does not implement the parameter FilterExpression of Query",
                () -> db.query(b -> b.tableName(t).keyConditionExpression("pk = :p").filterExpression("x = :p")
                        .expressionAttributeValues(java.util.Map.of(":p", s("p")))));
        assertEquals("NotImplementedByTestDouble", e.awsErrorDetails().errorCode());
        e = refused(DynamoDbException.class, "nested document paths", () -> db.updateItem(b -> b.tableName(t)
                .key(key("a", "1")).updateExpression("SET m.x = :p").expressionAttributeValues(java.util.Map.of(":p", s("p")))));
        assertTrue(e.getMessage().contains("StrictDynamoTestServer"));
    }
}
