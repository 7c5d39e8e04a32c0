package io.countersign.store.dynamodb.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** Developer Guide, "Update expressions"; API Reference, UpdateItem. */
class UpdateExpressionTest extends ServerTestBase {

    private static Map<String, AttributeValue> update(String table, String expression, Map<String, String> names,
            Map<String, AttributeValue> values) {
        db.updateItem(b -> b.tableName(table).key(key("a", "1")).updateExpression(expression)
                .expressionAttributeNames(names.isEmpty() ? null : names)
                .expressionAttributeValues(values.isEmpty() ? null : values));
        return get(table, key("a", "1"));
    }

    // SET with several actions; values read from the item as it was, so two attributes can swap.
    @Test
    void setAssignsSeveralAttributesFromTheItemAsItWas() {
        String t = table();
        put(t, item("pk", s("a"), "sk", s("1"), "x", s("one"), "y", s("two")));
        Map<String, AttributeValue> after = update(t, "SET x = y, y = x, z = :z", Map.of(), Map.of(":z", n("3")));
        assertEquals("two", after.get("x").s());
        assertEquals("one", after.get("y").s());
        assertEquals("3", after.get("z").n());
    }

    // SET a = a + :n, a - :n; if_not_exists(path, value); list_append.
    @Test
    void arithmeticIfNotExistsAndListAppend() {
        String t = table();
        put(t, item("pk", s("a"), "sk", s("1"), "c", n("10"), "l", AttributeValue.fromL(List.of(s("x")))));
        Map<String, AttributeValue> after = update(t, "SET c = c + :one, d = :five - :one, e = if_not_exists(e, :five),"
                + " c2 = if_not_exists(c, :five), l = list_append(l, :more)", Map.of(),
                Map.of(":one", n("1"), ":five", n("5"), ":more", AttributeValue.fromL(List.of(s("y")))));
        assertEquals("11", after.get("c").n());
        assertEquals("4", after.get("d").n());
        assertEquals("5", after.get("e").n());
        assertEquals("10", after.get("c2").n());
        assertEquals(List.of(s("x"), s("y")), after.get("l").l());
    }

    // REMOVE of several attributes at once (the form http4k's fake answered with a 500); absent ones are no error.
    @Test
    void removeTakesSeveralAttributes() {
        String t = table();
        put(t, item("pk", s("a"), "sk", s("1"), "x", s("1"), "y", s("2"), "z", s("3")));
        Map<String, AttributeValue> after = update(t, "REMOVE #x, #y, never", Map.of("#x", "x", "#y", "y"), Map.of());
        assertEquals(Set.of("pk", "sk", "z"), after.keySet());
    }

    // Clauses in any order, keywords in any case, each at most once.
    @Test
    void clausesInAnyOrderAndCase() {
        String t = table();
        put(t, item("pk", s("a"), "sk", s("1"), "x", s("1"), "n", n("1"),
                "ss", AttributeValue.fromSs(List.of("a", "b"))));
        Map<String, AttributeValue> after = update(t, "remove x add n :two, ss :c delete ss2 :a set y = :y",
                Map.of(), Map.of(":two", n("2"), ":c", AttributeValue.fromSs(List.of("c")), ":a",
                        AttributeValue.fromSs(List.of("a")), ":y", s("y")));
        assertNull(after.get("x"));
        assertEquals("3", after.get("n").n());
        assertEquals(Set.of("a", "b", "c"), Set.copyOf(after.get("ss").ss()));
        assertEquals("y", after.get("y").s());
        invalid("The \"SET\" section can only be used once", () -> update(t, "SET x = :y SET z = :y", Map.of(),
                Map.of(":y", s("y"))));
    }

    // ADD creates a number or a set; DELETE removes set elements and, emptied, the attribute.
    @Test
    void addAndDeleteOnSets() {
        String t = table();
        put(t, item("pk", s("a"), "sk", s("1")));
        update(t, "ADD c :one, s1 :ab", Map.of(), Map.of(":one", n("1"), ":ab", AttributeValue.fromSs(List.of("a", "b"))));
        Map<String, AttributeValue> after = update(t, "DELETE s1 :ab ADD c :one", Map.of(),
                Map.of(":one", n("1"), ":ab", AttributeValue.fromSs(List.of("a", "b"))));
        assertEquals("2", after.get("c").n());
        assertFalse(after.containsKey("s1"));
        invalid("operator or function: ADD, operand type: S", () -> update(t, "ADD c :s", Map.of(), Map.of(":s", s("x"))));
    }

    // UpdateItem on a key with no item creates it.
    @Test
    void anUpdateOfNoItemCreatesIt() {
        String t = table();
        Map<String, AttributeValue> after = update(t, "SET x = :x", Map.of(), Map.of(":x", s("new")));
        assertEquals(Map.of("pk", s("a"), "sk", s("1"), "x", s("new")), after);
    }

    // ReturnValues: ALL_OLD, ALL_NEW, UPDATED_OLD, UPDATED_NEW.
    @Test
    void returnValues() {
        String t = table();
        put(t, item("pk", s("a"), "sk", s("1"), "x", s("1"), "y", s("1")));
        var r = db.updateItem(b -> b.tableName(t).key(key("a", "1")).updateExpression("SET x = :two")
                .expressionAttributeValues(Map.of(":two", s("2"))).returnValues(ReturnValue.UPDATED_OLD));
        assertEquals(Map.of("x", s("1")), r.attributes());
        r = db.updateItem(b -> b.tableName(t).key(key("a", "1")).updateExpression("SET x = :three")
                .expressionAttributeValues(Map.of(":three", s("3"))).returnValues(ReturnValue.ALL_NEW));
        assertEquals(item("pk", s("a"), "sk", s("1"), "x", s("3"), "y", s("1")), r.attributes());
    }

    @Test
    void refusedUpdates() {
        String t = table();
        put(t, item("pk", s("a"), "sk", s("1"), "x", s("text")));
        invalid("Cannot update attribute sk. This attribute is part of the key", () -> update(t, "SET sk = :v", Map.of(),
                Map.of(":v", s("2"))));
        invalid("Two document paths overlap with each other", () -> update(t, "SET x = :v REMOVE x", Map.of(),
                Map.of(":v", s("2"))));
        invalid("An operand in the update expression has an incorrect data type", () -> update(t, "SET x = x + :one",
                Map.of(), Map.of(":one", n("1"))));
        invalid("The provided expression refers to an attribute that does not exist in the item", () -> update(t,
                "SET y = nothing", Map.of(), Map.of()));
        invalid("The expression can not be empty", () -> update(t, " ", Map.of(), Map.of()));
        invalid("Syntax error", () -> update(t, "SET x :v", Map.of(), Map.of(":v", s("2"))));
        assertEquals("text", get(t, key("a", "1")).get("x").s());
    }
}
