package io.countersign.store.dynamodb.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * API Reference, PutItem / GetItem / DeleteItem / BatchGetItem, and Developer Guide, "Supported data
 * types" and "Item sizes": keys must be complete and of their declared type, items at most 400 KB,
 * numbers kept by value.
 */
class ItemsTest extends ServerTestBase {

    @Test
    void aKeyOfTheWrongTypeIsRefused() {
        String t = table();
        invalid("Type mismatch for key sk expected: S actual: N", () -> put(t, item("pk", s("a"), "sk", n("1"))));
        invalid("The provided key element does not match the schema", () ->
                db.getItem(b -> b.tableName(t).key(item("pk", s("a"), "sk", n("1")))));
    }

    @Test
    void aMissingOrExtraKeyAttributeIsRefused() {
        String t = table();
        invalid("Missing the key sk in the item", () -> put(t, item("pk", s("a"), "x", s("1"))));
        invalid("The provided key element does not match the schema", () ->
                db.getItem(b -> b.tableName(t).key(item("pk", s("a")))));
        invalid("The provided key element does not match the schema", () ->
                db.deleteItem(b -> b.tableName(t).key(item("pk", s("a"), "sk", s("1"), "x", s("1")))));
    }

    @Test
    void anEmptyKeyStringIsRefused() {
        String t = table();
        invalid("The AttributeValue for a key attribute cannot contain an empty string value. Key: pk", () ->
                put(t, item("pk", s(""), "sk", s("1"))));
        invalid("A value specified for a secondary index key is not supported", () ->
                put(t, item("pk", s("a"), "sk", s("1"), "g", s(""), "r", s("1"))));
    }

    // An index key attribute must have the type the table declares: "Type mismatch for Index Key".
    @Test
    void anIndexKeyOfTheWrongTypeIsRefused() {
        String t = table();
        invalid("Type mismatch for Index Key g Expected: S Actual: N IndexName: byG", () ->
                put(t, item("pk", s("a"), "sk", s("1"), "g", n("1"))));
        invalid("Type mismatch for Index Key", () -> db.updateItem(b -> b.tableName(t).key(key("a", "1"))
                .updateExpression("SET r = :n").expressionAttributeValues(Map.of(":n", n("1")))));
        assertNull(get(t, key("a", "1")));
    }

    // Item size: "The maximum item size in DynamoDB is 400 KB", attribute names included.
    @Test
    void anItemOverFourHundredKilobytesIsRefused() {
        String t = table();
        int room = 400 * 1024 - "pk".length() - 1 - "sk".length() - 1 - "x".length();
        put(t, item("pk", s("a"), "sk", s("1"), "x", s("y".repeat(room))));
        assertEquals(room, get(t, key("a", "1")).get("x").s().length());
        invalid("Item size has exceeded the maximum allowed size", () ->
                put(t, item("pk", s("a"), "sk", s("1"), "x", s("y".repeat(room + 1)))));
        invalid("Item size to update has exceeded the maximum allowed size", () ->
                db.updateItem(b -> b.tableName(t).key(key("a", "1")).updateExpression("SET z = :z")
                        .expressionAttributeValues(Map.of(":z", s("z")))));
    }

    // Numbers: compared by value, returned without trailing zeros; at most 38 significant digits.
    @Test
    void numbersAreKeptByValue() {
        String t = table("N");
        put(t, item("pk", s("a"), "sk", n("1.50"), "big", n("12345678901234567890123456789012345678")));
        Map<String, AttributeValue> item = db.getItem(b -> b.tableName(t).key(item("pk", s("a"), "sk", n("1.5")))).item();
        assertEquals("1.5", item.get("sk").n());
        assertEquals("12345678901234567890123456789012345678", item.get("big").n());
        invalid("38 significant digits", () -> put(t, item("pk", s("a"), "sk", n("123456789012345678901234567890123456789"))));
        invalid("cannot be converted to a numeric value", () -> put(t, item("pk", s("a"), "sk", n("one"))));
    }

    @Test
    void otherTypesRoundTrip() {
        String t = table();
        Map<String, AttributeValue> item = item("pk", s("a"), "sk", s("1"), "b", AttributeValue.fromB(SdkBytes.fromUtf8String("x")),
                "m", AttributeValue.fromM(Map.of("k", n("1"))), "l", AttributeValue.fromL(List.of(s("x"), n("2"))),
                "ns", AttributeValue.fromNs(List.of("1", "2")), "nul", AttributeValue.fromNul(true),
                "bool", AttributeValue.fromBool(false));
        put(t, item);
        assertEquals(item.keySet(), get(t, key("a", "1")).keySet());
        assertEquals(item.get("m"), get(t, key("a", "1")).get("m"));
        invalid("contains duplicates", () -> put(t, item("pk", s("a"), "sk", s("2"), "ss",
                AttributeValue.fromSs(List.of("x", "x")))));
    }

    // BatchGetItem: up to 100 keys, no duplicates, missing items simply absent, ProjectionExpression applied.
    @Test
    void batchGet() {
        String t = table();
        put(t, item("pk", s("a"), "sk", s("1"), "x", s("1")));
        put(t, item("pk", s("b"), "sk", s("1"), "x", s("2")));
        var found = db.batchGetItem(b -> b.requestItems(Map.of(t, KeysAndAttributes.builder()
                .keys(List.of(key("a", "1"), key("b", "1"), key("c", "1"))).projectionExpression("x").consistentRead(true).build())))
                .responses().get(t);
        assertEquals(2, found.size());
        assertEquals(java.util.Set.of(Map.of("x", s("1")), Map.of("x", s("2"))), java.util.Set.copyOf(found));
        invalid("Provided list of item keys contains duplicates", () -> db.batchGetItem(b -> b.requestItems(Map.of(t,
                KeysAndAttributes.builder().keys(List.of(key("a", "1"), key("a", "1"))).build()))));
        List<Map<String, AttributeValue>> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(key("k" + i, "1"));
        }
        invalid("Too many items requested for the BatchGetItem call", () -> db.batchGetItem(b -> b.requestItems(Map.of(t,
                KeysAndAttributes.builder().keys(many).build()))));
    }
}
