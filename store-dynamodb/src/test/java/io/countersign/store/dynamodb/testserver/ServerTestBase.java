package io.countersign.store.dynamodb.testserver;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/**
 * One server per test class, spoken to through the real AWS SDK v2 client: what a test asserts is what
 * the store would see. Tables: {@code pk} (S) and {@code sk} (S or N), with a GSI {@code byG} on
 * {@code g} (S) and {@code r} (S or N), projecting all attributes.
 */
abstract class ServerTestBase {

    private static final AtomicInteger TABLES = new AtomicInteger();

    @RegisterExtension
    static final PerClassServer server = new PerClassServer();
    static DynamoDbClient db;

    @BeforeAll
    static void connect() {
        db = server.client();
    }

    /** A new active table whose sort key {@code sk} and index range {@code r} have type {@code rangeType}. */
    static String table(String rangeType) {
        String name = "table-" + TABLES.incrementAndGet();
        db.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(def("pk", "S"), def("sk", rangeType), def("g", "S"), def("r", rangeType))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG")
                        .keySchema(key("g", KeyType.HASH), key("r", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
        db.waiter().waitUntilTableExists(b -> b.tableName(name));
        return name;
    }

    static String table() {
        return table("S");
    }

    static AttributeDefinition def(String name, String type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    /** An item from name, value pairs: {@code item("pk", s("a"), "sk", s("1"))}. */
    static Map<String, AttributeValue> item(Object... pairs) {
        Map<String, AttributeValue> out = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], (AttributeValue) pairs[i + 1]);
        }
        return out;
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return item("pk", s(pk), "sk", s(sk));
    }

    static void put(String table, Map<String, AttributeValue> item) {
        db.putItem(b -> b.tableName(table).item(item));
    }

    static Map<String, AttributeValue> get(String table, Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = db.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }

    /** Asserts DynamoDB's refusal: the exception type the SDK makes of the error name, and words of the message. */
    static <E extends DynamoDbException> E refused(Class<E> type, String words, Executable call) {
        E e = assertThrows(type, call);
        assertTrue(e.awsErrorDetails().errorMessage().contains(words),
                () -> "expected '" + words + "' in: " + e.awsErrorDetails().errorMessage());
        return e;
    }

    /** A ValidationException: the SDK has no class for it, only its code. */
    static DynamoDbException invalid(String words, Executable call) {
        DynamoDbException e = refused(DynamoDbException.class, words, call);
        assertTrue("ValidationException".equals(e.awsErrorDetails().errorCode()),
                () -> "expected a ValidationException, got " + e.awsErrorDetails().errorCode() + ": " + e.getMessage());
        return e;
    }
}
