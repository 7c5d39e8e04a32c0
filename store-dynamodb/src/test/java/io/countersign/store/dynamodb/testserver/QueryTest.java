package io.countersign.store.dynamodb.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * API Reference, Query (KeyConditionExpression, ScanIndexForward, Limit, ExclusiveStartKey,
 * LastEvaluatedKey, ProjectionExpression, ConsistentRead) and Developer Guide, "Key condition
 * expressions for query".
 */
class QueryTest extends ServerTestBase {

    static List<String> sortKeys(QueryResponse r) {
        return r.items().stream().map(i -> i.get("sk").n() != null ? i.get("sk").n() : i.get("sk").s()).toList();
    }

    static QueryResponse query(String t, String condition, Map<String, AttributeValue> values, boolean forward) {
        return db.query(QueryRequest.builder().tableName(t).keyConditionExpression(condition)
                .expressionAttributeValues(values).scanIndexForward(forward).build());
    }

    private static Map<String, AttributeValue> values(Object... pairs) {
        Map<String, AttributeValue> out = new HashMap<>(item(pairs));
        out.put(":p", s("p"));
        return out;
    }

    // "Query results are always sorted by the sort key value. If the data type of the sort key is Number,
    // the results are returned in numeric order"; ScanIndexForward=false reverses.
    @Test
    void numericSortKeysInNumericOrder() {
        String t = table("N");
        for (String k : List.of("10", "9", "-1", "2.5", "100")) {
            put(t, item("pk", s("p"), "sk", n(k)));
        }
        assertEquals(List.of("-1", "2.5", "9", "10", "100"), sortKeys(query(t, "pk = :p", values(), true)));
        assertEquals(List.of("100", "10", "9", "2.5", "-1"), sortKeys(query(t, "pk = :p", values(), false)));
    }

    // "otherwise, the results are returned in order of UTF-8 bytes": U+FF5E (EF BD 9E) before U+1F600
    // (F0 9F 98 80), although Java's UTF-16 order puts the surrogate pair first.
    @Test
    void stringSortKeysInUtf8ByteOrder() {
        String t = table();
        List<String> keys = List.of("\uD83D\uDE00", "\uFF5E", "a", "Z", "\u00e9", "aa");
        keys.forEach(k -> put(t, item("pk", s("p"), "sk", s(k))));
        assertEquals(List.of("Z", "a", "aa", "\u00e9", "\uFF5E", "\uD83D\uDE00"), sortKeys(query(t, "pk = :p", values(), true)));
    }

    // Sort key conditions: = < <= > >= BETWEEN begins_with, either operand order.
    @Test
    void sortKeyConditions() {
        String t = table();
        for (String k : List.of("a1", "a2", "b1", "b2", "c1")) {
            put(t, item("pk", s("p"), "sk", s(k)));
        }
        assertEquals(List.of("b1"), sortKeys(query(t, "pk = :p AND sk = :k", values(":k", s("b1")), true)));
        assertEquals(List.of("a1", "a2"), sortKeys(query(t, "pk = :p AND sk < :k", values(":k", s("b1")), true)));
        assertEquals(List.of("a1", "a2", "b1"), sortKeys(query(t, "pk = :p AND sk <= :k", values(":k", s("b1")), true)));
        assertEquals(List.of("b2", "c1"), sortKeys(query(t, "sk > :k AND pk = :p", values(":k", s("b1")), true)));
        assertEquals(List.of("b1", "b2", "c1"), sortKeys(query(t, "pk = :p AND :k <= sk", values(":k", s("b1")), true)));
        assertEquals(List.of("a2", "b1", "b2"), sortKeys(query(t, "pk = :p AND sk BETWEEN :lo AND :hi",
                values(":lo", s("a2"), ":hi", s("b2")), true)));
        assertEquals(List.of("b2", "b1"), sortKeys(query(t, "pk = :p AND begins_with(sk, :b)", values(":b", s("b")), false)));
        assertEquals(List.of(), sortKeys(query(t, "pk = :other", Map.of(":other", s("nobody")), true)));
    }

    @Test
    void malformedKeyConditionsAreRefused() {
        String t = table();
        invalid("Invalid operator used in KeyConditionExpression: OR", () -> query(t, "pk = :p OR sk = :k",
                values(":k", s("x")), true));
        invalid("Query condition missed key schema element: pk", () -> query(t, "sk = :k", Map.of(":k", s("x")), true));
        invalid("Query condition missed key schema element", () -> query(t, "pk = :p AND x = :k", values(":k", s("x")), true));
        invalid("Query key condition not supported", () -> query(t, "pk > :p", values(), true));
        invalid("Condition parameter type does not match schema type", () -> query(t, "pk = :n", Map.of(":n", n("1")), true));
        invalid("KeyConditionExpressions must only contain one condition per key", () -> query(t,
                "pk = :p AND sk > :a AND sk < :b", values(":a", s("a"), ":b", s("b")), true));
        invalid("Invalid operator used in KeyConditionExpression: attribute_exists", () -> query(t,
                "pk = :p AND attribute_exists(sk)", values(), true));
        refused(ResourceNotFoundException.class, "not found", () -> query("no-such-table", "pk = :p", values(), true));
    }

    // Limit: the page ends at Limit items with a LastEvaluatedKey, even when no item follows; ExclusiveStartKey
    // continues after it. The pages hold every item exactly once, in order, both ways.
    @Test
    void pagesWithLimitCoverEveryItemOnce() {
        String t = table("N");
        for (int i = 0; i < 7; i++) {
            put(t, item("pk", s("p"), "sk", n(Integer.toString(i))));
        }
        for (boolean forward : List.of(true, false)) {
            List<String> seen = new ArrayList<>();
            Map<String, AttributeValue> start = null;
            int pages = 0;
            do {
                Map<String, AttributeValue> from = start;
                QueryResponse r = db.query(b -> b.tableName(t).keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("p"))).limit(7 / 2 + 1).scanIndexForward(forward)
                        .exclusiveStartKey(from));
                seen.addAll(sortKeys(r));
                start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
                pages++;
            } while (start != null);
            List<String> expected = new ArrayList<>(List.of("0", "1", "2", "3", "4", "5", "6"));
            if (!forward) {
                java.util.Collections.reverse(expected);
            }
            assertEquals(expected, seen);
            assertEquals(2, pages);
        }
        QueryResponse exact = db.query(b -> b.tableName(t).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))).limit(7));
        assertEquals(Map.of("pk", s("p"), "sk", n("6")), exact.lastEvaluatedKey());
        QueryResponse after = db.query(b -> b.tableName(t).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))).exclusiveStartKey(exact.lastEvaluatedKey()));
        assertEquals(0, after.count());
        assertFalse(after.hasLastEvaluatedKey() && !after.lastEvaluatedKey().isEmpty());
        invalid("The provided starting key is invalid", () -> db.query(b -> b.tableName(t).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))).exclusiveStartKey(Map.of("pk", s("p")))));
        invalid("Member must have value greater than or equal to 1", () -> db.query(b -> b.tableName(t)
                .keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", s("p"))).limit(0)));
    }

    // "A single Query operation will read up to ... a maximum of 1 MB of data": 100 KB items, a page of about ten.
    @Test
    void aPageEndsAfterOneMegabyte() {
        String t = table("N");
        for (int i = 0; i < 25; i++) {
            put(t, item("pk", s("p"), "sk", n(Integer.toString(i)), "x", s("y".repeat(100 * 1024))));
        }
        QueryResponse first = db.query(b -> b.tableName(t).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))));
        assertTrue(first.count() >= 9 && first.count() <= 11, "items in the first page: " + first.count());
        assertTrue(first.hasLastEvaluatedKey() && !first.lastEvaluatedKey().isEmpty());
        int total = first.count();
        Map<String, AttributeValue> start = first.lastEvaluatedKey();
        while (start != null) {
            Map<String, AttributeValue> from = start;
            QueryResponse r = db.query(b -> b.tableName(t).keyConditionExpression("pk = :p")
                    .expressionAttributeValues(Map.of(":p", s("p"))).exclusiveStartKey(from));
            total += r.count();
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        }
        assertEquals(25, total);
    }

    // ProjectionExpression: only the attributes named come back (http4k's fake ignored it).
    @Test
    void projectionReturnsOnlyTheNamedAttributes() {
        String t = table();
        put(t, item("pk", s("p"), "sk", s("1"), "data", s("big"), "x", s("1")));
        QueryResponse r = db.query(b -> b.tableName(t).keyConditionExpression("pk = :p").projectionExpression("pk, sk, #x")
                .expressionAttributeNames(Map.of("#x", "x")).expressionAttributeValues(Map.of(":p", s("p")))
                .consistentRead(true));
        assertEquals(List.of(item("pk", s("p"), "sk", s("1"), "x", s("1"))), r.items());
    }
}
