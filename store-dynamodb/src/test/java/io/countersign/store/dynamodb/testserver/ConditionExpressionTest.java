package io.countersign.store.dynamodb.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Developer Guide, "Condition and filter expressions, operators, and functions" (syntax, precedence,
 * comparison rules) and API Reference, PutItem/UpdateItem/DeleteItem (ConditionalCheckFailedException).
 * Each condition is tried as a ConditionCheck-free conditional update of one item: it holds when the
 * update is applied.
 */
class ConditionExpressionTest extends ServerTestBase {

    private static String t;

    @BeforeAll
    static void item() {
        t = table();
        put(t, item("pk", s("a"), "sk", s("1"), "status", s("pending"), "version", n("10"), "name", s("Zoe"),
                "tags", AttributeValue.fromSs(java.util.List.of("x", "y")), "flag", AttributeValue.fromBool(true)));
    }

    /**
     * Whether {@code condition} holds for the item, by attempting a conditional write; only the names and
     * values the condition uses are sent (any other would be refused as unused).
     */
    private static boolean holds(String condition, Map<String, AttributeValue> values) {
        Map<String, String> names = Map.of("#s", "status", "#v", "version", "#n", "name");
        Map<String, String> used = new java.util.HashMap<>();
        names.forEach((k, v) -> {
            if (condition.contains(k)) {
                used.put(k, v);
            }
        });
        Map<String, AttributeValue> given = new java.util.HashMap<>();
        values.forEach((k, v) -> {
            if (condition.matches(".*" + k + "\\b.*")) {
                given.put(k, v);
            }
        });
        given.put(":touched", s("yes"));
        try {
            db.updateItem(b -> b.tableName(t).key(key("a", "1")).updateExpression("SET touched = :touched")
                    .conditionExpression(condition).expressionAttributeNames(used.isEmpty() ? null : used)
                    .expressionAttributeValues(given));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    // attribute_exists / attribute_not_exists: "true if the item contains the attribute" / "does not exist".
    @Test
    void attributeExistsAndNotExists() {
        assertTrue(holds("attribute_exists(pk)", Map.of()));
        assertFalse(holds("attribute_not_exists(pk)", Map.of()));
        assertTrue(holds("attribute_not_exists(absentAttr)", Map.of()));
        assertFalse(holds("attribute_exists(absentAttr)", Map.of()));
    }

    // Comparators: numbers by value (10 > 9 although "10" < "9" as text), strings by UTF-8 bytes ("Zoe" < "alice").
    @Test
    void comparisonsOrderNumbersByValueAndStringsByBytes() {
        assertTrue(holds("#v > :nine", Map.of(":nine", n("9"))));
        assertTrue(holds("#v = :ten", Map.of(":ten", n("10.0"))));
        assertTrue(holds("#v <= :ten AND #v >= :ten", Map.of(":ten", n("10"))));
        assertFalse(holds("#v < :ten", Map.of(":ten", n("10"))));
        assertTrue(holds("#n < :alice", Map.of(":alice", s("alice"))));
        assertTrue(holds("#s <> :other", Map.of(":other", s("approved"))));
        assertFalse(holds("#s <> :same", Map.of(":same", s("pending"))));
    }

    // "If the data types are different, the comparison ... returns false"; a missing attribute compares false.
    @Test
    void comparisonsWithAnotherTypeOrAMissingAttributeAreFalse() {
        assertFalse(holds("#v = :text", Map.of(":text", s("10"))));
        assertFalse(holds("#v < :text", Map.of(":text", s("99"))));
        assertFalse(holds("absentAttr = :x", Map.of(":x", s("x"))));
        assertFalse(holds("absentAttr < :x", Map.of(":x", s("x"))));
        assertTrue(holds("absentAttr <> :x", Map.of(":x", s("x"))));
    }

    @Test
    void beginsWithBetweenAndIn() {
        assertTrue(holds("begins_with(#s, :p)", Map.of(":p", s("pend"))));
        assertFalse(holds("begins_with(#s, :p)", Map.of(":p", s("Pend"))));
        assertTrue(holds("#v BETWEEN :lo AND :hi", Map.of(":lo", n("9"), ":hi", n("10"))));
        assertFalse(holds("#v BETWEEN :lo AND :hi", Map.of(":lo", n("11"), ":hi", n("12"))));
        assertTrue(holds("#s IN (:a, :b)", Map.of(":a", s("approved"), ":b", s("pending"))));
        assertTrue(holds("contains(tags, :x) AND attribute_type(flag, :bool)", Map.of(":x", s("x"), ":bool", s("BOOL"))));
    }

    // Precedence: NOT binds tighter than AND, AND tighter than OR; parentheses override.
    @Test
    void notThenAndThenOrAndParentheses() {
        Map<String, AttributeValue> v = Map.of(":p", s("pending"), ":x", s("other"));
        // (NOT #s = :p) OR #s = :p: true
        assertTrue(holds("NOT #s = :p OR #s = :p", v));
        // NOT (#s = :p OR #s = :p): false
        assertFalse(holds("NOT (#s = :p OR #s = :p)", v));
        // #s = :x OR (#s = :p AND #s = :x)... AND first: false; (#s = :x OR #s = :p) AND #s = :p: true
        assertFalse(holds("#s = :x OR #s = :p AND #s = :x", v));
        assertTrue(holds("(#s = :x OR #s = :p) AND #s = :p", v));
        assertTrue(holds("#s = :p and not #s = :x", v));
    }

    // ConditionalCheckFailedException leaves the item as it was; ReturnValuesOnConditionCheckFailure returns it.
    @Test
    void aFailedConditionChangesNothingAndCanReturnTheItem() {
        String table = table();
        put(table, item("pk", s("b"), "sk", s("1"), "v", s("old")));
        ConditionalCheckFailedException e = refused(ConditionalCheckFailedException.class, "The conditional request failed",
                () -> db.putItem(b -> b.tableName(table).item(item("pk", s("b"), "sk", s("1"), "v", s("new")))
                        .conditionExpression("attribute_not_exists(pk)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        assertEquals("old", e.item().get("v").s());
        assertEquals("old", get(table, key("b", "1")).get("v").s());
        refused(ConditionalCheckFailedException.class, "conditional", () -> db.deleteItem(b -> b.tableName(table)
                .key(key("b", "1")).conditionExpression("v = :x").expressionAttributeValues(Map.of(":x", s("new")))));
        assertEquals("old", get(table, key("b", "1")).get("v").s());
    }

    @Test
    void malformedConditionsAreValidationErrors() {
        invalid("Syntax error; token: <EOF>", () -> holds("#s = ", Map.of()));
        invalid("Syntax error; token: \"AND\"", () -> holds("#s = :p AND AND #s = :p", Map.of(":p", s("x"))));
        invalid("Invalid function name; function: attribute_exist", () -> holds("attribute_exist(pk)", Map.of()));
        invalid("Operator or function requires a document path", () -> holds("attribute_exists(:p)", Map.of(":p", s("x"))));
        invalid("Incorrect operand type for operator or function; operator or function: begins_with, operand type: N",
                () -> holds("begins_with(#s, :n)", Map.of(":n", n("1"))));
        invalid("Incorrect operand type for operator or function; operator or function: <, operand type: BOOL",
                () -> holds("#v < :b", Map.of(":b", AttributeValue.fromBool(true))));
        invalid("The BETWEEN operator requires upper bound to be greater than or equal to lower bound",
                () -> holds("#v BETWEEN :hi AND :lo", Map.of(":hi", n("5"), ":lo", n("1"))));
        invalid("Invalid character encountered", () -> holds("#v ! :x", Map.of(":x", n("1"))));
    }
}
