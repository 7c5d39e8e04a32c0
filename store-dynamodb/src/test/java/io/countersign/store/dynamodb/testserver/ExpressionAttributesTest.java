package io.countersign.store.dynamodb.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Developer Guide, "Expression attribute names (aliases)", "Expression attribute values" and "Reserved
 * words": every name and value given must be used, every one used must be given, a reserved word needs
 * an alias. Each refusal writes nothing.
 */
class ExpressionAttributesTest extends ServerTestBase {

    @Test
    void anUnusedNameIsRefused() {
        String t = table();
        invalid("Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}", () ->
                db.updateItem(b -> b.tableName(t).key(key("a", "1")).updateExpression("SET #x = :x")
                        .expressionAttributeNames(Map.of("#x", "x", "#unused", "y"))
                        .expressionAttributeValues(Map.of(":x", s("1")))));
        assertNull(get(t, key("a", "1")));
    }

    @Test
    void anUnusedValueIsRefused() {
        String t = table();
        invalid("Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}", () ->
                db.putItem(b -> b.tableName(t).item(key("a", "1")).conditionExpression("attribute_not_exists(pk)")
                        .expressionAttributeValues(Map.of(":unused", s("1")))));
        assertNull(get(t, key("a", "1")));
    }

    @Test
    void anUndefinedNameOrValueIsRefused() {
        String t = table();
        invalid("An expression attribute name used in the document path is not defined; attribute name: #y", () ->
                db.updateItem(b -> b.tableName(t).key(key("a", "1")).updateExpression("SET #y = :x")
                        .expressionAttributeValues(Map.of(":x", s("1")))));
        invalid("An expression attribute value used in expression is not defined; attribute value: :y", () ->
                db.updateItem(b -> b.tableName(t).key(key("a", "1")).updateExpression("SET x = :y")));
        assertNull(get(t, key("a", "1")));
    }

    // "Don't use any of these words as attribute names in expressions" unless through an alias.
    @Test
    void aReservedWordNeedsAnAlias() {
        String t = table();
        invalid("Attribute name is a reserved keyword; reserved keyword: status", () ->
                db.updateItem(b -> b.tableName(t).key(key("a", "1")).updateExpression("SET status = :x")
                        .expressionAttributeValues(Map.of(":x", s("1")))));
        invalid("Attribute name is a reserved keyword; reserved keyword: DATA", () ->
                db.putItem(b -> b.tableName(t).item(key("a", "1")).conditionExpression("attribute_not_exists(DATA)")));
        db.updateItem(b -> b.tableName(t).key(key("a", "1")).updateExpression("SET #s = :x")
                .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":x", s("1"))));
        assertEquals("1", get(t, key("a", "1")).get("status").s());
    }

    // Names and values "can only be specified when using expressions"; given, they must not be empty.
    @Test
    void namesWithoutAnExpressionOrEmptyMapsAreRefused() {
        String t = table();
        invalid("ExpressionAttributeNames can only be specified when using expressions", () ->
                db.putItem(b -> b.tableName(t).item(key("a", "1")).expressionAttributeNames(Map.of("#x", "x"))));
        invalid("ExpressionAttributeValues must not be empty", () ->
                db.putItem(b -> b.tableName(t).item(key("a", "1")).conditionExpression("attribute_not_exists(pk)")
                        .expressionAttributeValues(Map.of())));
        assertNull(get(t, key("a", "1")));
    }

    // A ProjectionExpression uses names too: a name it does not use is refused.
    @Test
    void aProjectionCountsAsAUse() {
        String t = table();
        put(t, item("pk", s("a"), "sk", s("1"), "data", s("d")));
        var item = db.getItem(b -> b.tableName(t).key(key("a", "1")).projectionExpression("#d")
                .expressionAttributeNames(Map.of("#d", "data"))).item();
        assertEquals(Map.of("data", s("d")), item);
        invalid("unused in expressions: keys: {#e}", () -> db.getItem(b -> b.tableName(t).key(key("a", "1"))
                .projectionExpression("#d").expressionAttributeNames(Map.of("#d", "data", "#e", "e"))));
    }
}
