package io.countersign.store.dynamodb.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Developer Guide, "Using Global Secondary Indexes in DynamoDB" (sparse indexes, projections, queries on
 * an index) and API Reference, Query (IndexName, ConsistentRead "not supported on global secondary
 * indexes", LastEvaluatedKey with the index keys).
 */
class IndexTest extends ServerTestBase {

    private static QueryResponse byG(String t, String condition, Map<String, AttributeValue> values, boolean forward,
            Integer limit, Map<String, AttributeValue> start) {
        return db.query(b -> b.tableName(t).indexName("byG").keyConditionExpression(condition)
                .expressionAttributeValues(values).scanIndexForward(forward).limit(limit).exclusiveStartKey(start));
    }

    private static List<String> pks(QueryResponse r) {
        return r.items().stream().map(i -> i.get("pk").s()).toList();
    }

    // Sparse: "If an item in the table doesn't have the index key attributes, it isn't written to the index",
    // and an item that loses them leaves it.
    @Test
    void onlyItemsWithBothIndexKeysAreInTheIndex() {
        String t = table();
        put(t, item("pk", s("both"), "sk", s("1"), "g", s("G"), "r", s("1")));
        put(t, item("pk", s("hashOnly"), "sk", s("1"), "g", s("G")));
        put(t, item("pk", s("neither"), "sk", s("1")));
        put(t, item("pk", s("later"), "sk", s("1"), "g", s("G"), "r", s("2")));
        assertEquals(List.of("both", "later"), pks(byG(t, "g = :g", Map.of(":g", s("G")), true, null, null)));
        db.updateItem(b -> b.tableName(t).key(key("later", "1")).updateExpression("REMOVE r"));
        db.deleteItem(b -> b.tableName(t).key(key("both", "1")));
        assertEquals(List.of(), pks(byG(t, "g = :g", Map.of(":g", s("G")), true, null, null)));
        db.updateItem(b -> b.tableName(t).key(key("hashOnly", "1")).updateExpression("SET r = :r")
                .expressionAttributeValues(Map.of(":r", s("0"))));
        assertEquals(List.of("hashOnly"), pks(byG(t, "g = :g", Map.of(":g", s("G")), true, null, null)));
    }

    // Index order: by the index sort key, strings as UTF-8 bytes; `r > :u` compares the strings as they are
    // (http4k's fake padded them to 200 characters, which made `#u > :u` always true).
    @Test
    void rangeConditionsOnAnIndexCompareTheStringsThemselves() {
        String t = table();
        put(t, item("pk", s("a"), "sk", s("1"), "g", s("G"), "r", s("2026-03-02T09:00:00.000000000Z#a")));
        put(t, item("pk", s("b"), "sk", s("1"), "g", s("G"), "r", s("2026-03-02T11:00:00.000000000Z#b")));
        put(t, item("pk", s("c"), "sk", s("1"), "g", s("G"), "r", s("2025-12-31T23:59:59.000000000Z#c")));
        assertEquals(List.of("b"), pks(byG(t, "g = :g AND r > :u", Map.of(":g", s("G"),
                ":u", s("2026-03-02T10:00:00.000000000Z$")), true, null, null)));
        assertEquals(List.of("b", "a", "c"), pks(byG(t, "g = :g", Map.of(":g", s("G")), false, null, null)));
        assertEquals(List.of("c", "a"), pks(byG(t, "g = :g AND r < :u", Map.of(":g", s("G"), ":u", s("2026-03-02T10")),
                true, null, null)));
    }

    @Test
    void numericIndexKeysSortNumerically() {
        String t = table("N");
        int[] ranks = {10, 9, 100, 1};
        for (int i = 0; i < ranks.length; i++) {
            put(t, item("pk", s("i" + ranks[i]), "sk", n("1"), "g", s("G"), "r", n(Integer.toString(ranks[i]))));
        }
        assertEquals(List.of("i1", "i9", "i10", "i100"), pks(byG(t, "g = :g", Map.of(":g", s("G")), true, null, null)));
    }

    // Paging an index: LastEvaluatedKey carries the table's key and the index's; items with equal index keys
    // are neither lost nor repeated between pages.
    @Test
    void pagesOfAnIndexCoverEveryItemOnce() {
        String t = table();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            put(t, item("pk", s("p" + i), "sk", s("1"), "g", s("G"), "r", s(i < 6 ? "same" : "z" + i)));
            expected.add("p" + i);
        }
        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse r = byG(t, "g = :g", Map.of(":g", s("G")), true, 2, start);
            if (r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty()) {
                assertEquals(java.util.Set.of("pk", "sk", "g", "r"), r.lastEvaluatedKey().keySet());
            }
            seen.addAll(pks(r));
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        assertEquals(expected, seen);
    }

    @Test
    void consistentReadsOnAnIndexAreRefused() {
        String t = table();
        invalid("Consistent reads are not supported on global secondary indexes", () -> db.query(b -> b.tableName(t)
                .indexName("byG").keyConditionExpression("g = :g").expressionAttributeValues(Map.of(":g", s("G")))
                .consistentRead(true)));
        invalid("The table does not have the specified index: nope", () -> db.query(b -> b.tableName(t).indexName("nope")
                .keyConditionExpression("g = :g").expressionAttributeValues(Map.of(":g", s("G")))));
    }

    // Projection KEYS_ONLY: the index holds the table's keys and its own, nothing else.
    @Test
    void aKeysOnlyIndexReturnsOnlyKeys() {
        String t = "keys-only-" + System.nanoTime();
        db.createTable(b -> b.tableName(t).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(def("pk", "S"), def("g", "S"))
                .keySchema(key("pk", KeyType.HASH))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG").keySchema(key("g", KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build()));
        db.waiter().waitUntilTableExists(b -> b.tableName(t));
        db.putItem(b -> b.tableName(t).item(item("pk", s("a"), "g", s("G"), "x", s("big"))));
        QueryResponse r = db.query(b -> b.tableName(t).indexName("byG").keyConditionExpression("g = :g")
                .expressionAttributeValues(Map.of(":g", s("G"))));
        assertEquals(List.of(item("pk", s("a"), "g", s("G"))), r.items());
    }
}
