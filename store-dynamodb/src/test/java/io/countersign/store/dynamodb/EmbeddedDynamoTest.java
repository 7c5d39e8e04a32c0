package io.countersign.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

class EmbeddedDynamoTest {

    @TempDir
    Path tmp;

    @Test
    void keepsDataBetweenRuns() {
        Path data = tmp.resolve("data");
        long t0 = System.nanoTime();
        try (EmbeddedDynamo db = EmbeddedDynamo.persistent(data, tmp.resolve("cache"))) {
            System.out.println("started in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            DynamoDbClient c = db.client();
            c.createTable(b -> b.tableName("items").billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType("S").build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType("HASH").build()));
            c.putItem(b -> b.tableName("items").item(Map.of("pk", AttributeValue.fromS("a"), "v", AttributeValue.fromS("1"))));
        }
        try (EmbeddedDynamo db = EmbeddedDynamo.persistent(data, tmp.resolve("cache"))) {
            var item = db.client().getItem(b -> b.tableName("items").key(Map.of("pk", AttributeValue.fromS("a")))).item();
            assertEquals("1", item.get("v").s());
        }
        assertTrue(java.nio.file.Files.exists(data));
    }
}
