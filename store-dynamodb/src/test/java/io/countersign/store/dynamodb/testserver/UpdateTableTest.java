package io.countersign.store.dynamodb.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableResponse;

/**
 * Tables of {@link ServerTestBase} (index byG), to which a byW index on {@code w} / {@code at} is added.
 * API Reference, UpdateTable, GlobalSecondaryIndexUpdate, CreateGlobalSecondaryIndexAction and
 * GlobalSecondaryIndexDescription (IndexStatus, Backfilling): adding a global secondary index to a
 * table that has items, as {@code countersign store upgrade} does.
 */
class UpdateTableTest extends ServerTestBase {

    private static GlobalSecondaryIndexUpdate create(String index, String hash, String range) {
        return GlobalSecondaryIndexUpdate.builder().create(c -> c.indexName(index)
                .keySchema(key(hash, KeyType.HASH), key(range, KeyType.RANGE))
                .projection(p -> p.projectionType(ProjectionType.ALL))).build();
    }

    private static UpdateTableResponse addByW(String t) {
        return db.updateTable(b -> b.tableName(t).attributeDefinitions(def("w", "S"), def("at", "S"))
                .globalSecondaryIndexUpdates(create("byW", "w", "at")));
    }

    private static GlobalSecondaryIndexDescription index(TableDescription d, String name) {
        return d.globalSecondaryIndexes().stream().filter(i -> i.indexName().equals(name)).findFirst().orElse(null);
    }

    private static List<String> byW(String t, String w) {
        return db.query(b -> b.tableName(t).indexName("byW").keyConditionExpression("w = :w")
                .expressionAttributeValues(Map.of(":w", s(w)))).items().stream().map(i -> i.get("pk").s()).toList();
    }

    // UpdateTable: "the table status changes from ACTIVE to UPDATING"; the new index is CREATING and
    // Backfilling ("the process of reading items from the table and determining whether they can be added
    // to the index ... Not all items will qualify"); once backfilled it is ACTIVE and holds the items that
    // have its keys (sparse), those written later too. Here the next DescribeTable sees the table ACTIVE
    // with the index still CREATING, the one after that the index ACTIVE: a client that polls for both
    // is not kept waiting, and one that waits for the table alone reads too early.
    @Test
    void aNewIndexIsBackfilledAndActiveOnceDescribedSo() {
        String t = table();
        put(t, item("pk", s("before"), "sk", s("1"), "w", s("W"), "at", s("2")));
        put(t, item("pk", s("early"), "sk", s("1"), "w", s("W"), "at", s("1")));
        put(t, item("pk", s("noKey"), "sk", s("1"), "w", s("W")));
        put(t, item("pk", s("wrongType"), "sk", s("1"), "w", s("W"), "at", n("3")));

        TableDescription answer = addByW(t).tableDescription();
        assertEquals(TableStatus.UPDATING, answer.tableStatus());
        assertEquals(IndexStatus.CREATING, index(answer, "byW").indexStatus());
        assertEquals(Boolean.TRUE, index(answer, "byW").backfilling());
        assertNull(index(answer, "byG").backfilling(), "an index made with the table has no Backfilling");
        assertEquals(IndexStatus.ACTIVE, index(answer, "byG").indexStatus());
        invalid("Cannot read from backfilling global secondary index: byW", () -> byW(t, "W"));

        TableDescription once = db.describeTable(b -> b.tableName(t)).table();
        assertEquals(TableStatus.ACTIVE, once.tableStatus());
        assertEquals(IndexStatus.CREATING, index(once, "byW").indexStatus());
        invalid("Cannot read from backfilling global secondary index: byW", () -> byW(t, "W"));
        put(t, item("pk", s("during"), "sk", s("1"), "w", s("W"), "at", s("0")));

        TableDescription twice = db.describeTable(b -> b.tableName(t)).table();
        assertEquals(IndexStatus.ACTIVE, index(twice, "byW").indexStatus());
        assertNull(index(twice, "byW").backfilling());
        assertEquals(List.of("during", "early", "before"), byW(t, "W"));
        assertTrue(twice.attributeDefinitions().contains(def("at", "S")), twice.attributeDefinitions().toString());
        invalid("Type mismatch for Index Key at Expected: S Actual: N IndexName: byW", () ->
                put(t, item("pk", s("after"), "sk", s("1"), "w", s("W"), "at", n("4"))));
        put(t, item("pk", s("after"), "sk", s("1"), "w", s("W"), "at", s("9")));
        assertEquals(List.of("during", "early", "before", "after"), byW(t, "W"));
    }

    // UpdateTable: "While it's UPDATING, you can't issue another UpdateTable request"
    // (ResourceInUseException: "You tried to update a resource that was already being updated").
    @Test
    void whileUpdatingAnotherUpdateIsResourceInUse() {
        String t = table();
        addByW(t);
        refused(ResourceInUseException.class, "Table is being updated", () -> db.updateTable(b -> b.tableName(t)
                .attributeDefinitions(def("v", "S"), def("at", "S")).globalSecondaryIndexUpdates(create("byV", "v", "at"))));
        db.describeTable(b -> b.tableName(t));
        // Once the table is ACTIVE again (the index still backfilling), the next update is taken.
        db.updateTable(b -> b.tableName(t).attributeDefinitions(def("v", "S"), def("at", "S"))
                .globalSecondaryIndexUpdates(create("byV", "v", "at")));
    }

    // GlobalSecondaryIndexUpdates: "You can create or delete only one global secondary index per UpdateTable
    // operation."
    @Test
    void oneIndexPerUpdate() {
        String t = table();
        DynamoDbException e = refused(LimitExceededException.class, "Only 1 online index can be created or deleted",
                () -> db.updateTable(b -> b.tableName(t).attributeDefinitions(def("w", "S"), def("v", "S"), def("at", "S"))
                        .globalSecondaryIndexUpdates(create("byW", "w", "at"), create("byV", "v", "at"))));
        assertEquals(400, e.statusCode());
        assertEquals(1, db.describeTable(b -> b.tableName(t)).table().globalSecondaryIndexes().size(), "nothing added");
    }

    // UpdateTable, AttributeDefinitions: "If you are adding a new global secondary index to the table,
    // AttributeDefinitions must include the key element(s) of the new index"; an index name in use, a
    // missing table, and on-demand throughput are refused as for CreateTable.
    @Test
    void aMalformedCreateIsRefused() {
        String t = table();
        invalid("Some index key attributes are not defined in AttributeDefinitions", () -> db.updateTable(b ->
                b.tableName(t).attributeDefinitions(def("w", "S")).globalSecondaryIndexUpdates(create("byW", "w", "at"))));
        invalid("Attempting to create an index which already exists", () -> db.updateTable(b -> b.tableName(t)
                .attributeDefinitions(def("g", "S"), def("r", "S")).globalSecondaryIndexUpdates(create("byG", "g", "r"))));
        invalid("Cannot change the type of attribute r", () -> db.updateTable(b -> b.tableName(t)
                .attributeDefinitions(def("w", "S"), def("r", "N")).globalSecondaryIndexUpdates(create("byW", "w", "r"))));
        invalid("is specified while the billing mode of the table is PAY_PER_REQUEST", () -> db.updateTable(b ->
                b.tableName(t).attributeDefinitions(def("w", "S"), def("at", "S")).globalSecondaryIndexUpdates(
                        GlobalSecondaryIndexUpdate.builder().create(c -> c.indexName("byW")
                                .keySchema(key("w", KeyType.HASH), key("at", KeyType.RANGE))
                                .projection(p -> p.projectionType(ProjectionType.ALL))
                                .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))).build())));
        refused(ResourceNotFoundException.class, "not found", () -> db.updateTable(b -> b.tableName("nowhere")
                .attributeDefinitions(def("w", "S"), def("at", "S")).globalSecondaryIndexUpdates(create("byW", "w", "at"))));
        assertEquals(TableStatus.ACTIVE, db.describeTable(b -> b.tableName(t)).table().tableStatus());
        assertEquals(1, db.describeTable(b -> b.tableName(t)).table().globalSecondaryIndexes().size());
    }

    // What the store never asks for is refused by name, never mistaken for DynamoDB's answer.
    @Test
    void otherChangesAreNotImplemented() {
        String t = table();
        DynamoDbException delete = refused(DynamoDbException.class, "does not implement", () -> db.updateTable(b ->
                b.tableName(t).globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
                        .delete(d -> d.indexName("byG")).build())));
        assertEquals("NotImplementedByTestDouble", delete.awsErrorDetails().errorCode());
        DynamoDbException billing = refused(DynamoDbException.class, "does not implement", () -> db.updateTable(b ->
                b.tableName(t).billingMode(BillingMode.PROVISIONED)));
        assertEquals("NotImplementedByTestDouble", billing.awsErrorDetails().errorCode());
    }
}
