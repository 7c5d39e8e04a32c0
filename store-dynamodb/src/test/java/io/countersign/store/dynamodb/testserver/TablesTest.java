package io.countersign.store.dynamodb.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** API Reference, CreateTable, DescribeTable, DeleteTable, UpdateTimeToLive, DescribeTimeToLive. */
class TablesTest extends ServerTestBase {

    private static CreateTableResponse create(String name) {
        return db.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(def("pk", "S")).keySchema(key("pk", KeyType.HASH)));
    }

    // CreateTable: "TableStatus is set to CREATING"; the table takes requests once it is ACTIVE.
    @Test
    void aNewTableIsCreatingUntilDescribedActive() {
        assertEquals(TableStatus.CREATING, create("fresh").tableDescription().tableStatus());
        refused(ResourceNotFoundException.class, "Requested resource not found", () ->
                db.putItem(b -> b.tableName("fresh").item(item("pk", s("a")))));
        db.waiter().waitUntilTableExists(b -> b.tableName("fresh"));
        assertEquals(TableStatus.ACTIVE, db.describeTable(b -> b.tableName("fresh")).table().tableStatus());
        db.putItem(b -> b.tableName("fresh").item(item("pk", s("a"))));
        assertEquals(1L, db.describeTable(b -> b.tableName("fresh")).table().itemCount());
    }

    // CreateTable: "ResourceInUseException ... you tried to create a table that is already in use"; the
    // existing table and its items stay (http4k's fake replaced the table).
    @Test
    void creatingAnExistingTableIsResourceInUse() {
        String t = table();
        put(t, key("a", "1"));
        refused(ResourceInUseException.class, "Table already exists: " + t, () -> create(t));
        assertEquals("a", get(t, key("a", "1")).get("pk").s());
    }

    // "ResourceNotFoundException: The operation tried to access a nonexistent table or index."
    @Test
    void anUnknownTableIsResourceNotFound() {
        refused(ResourceNotFoundException.class, "Requested resource not found", () ->
                db.describeTable(b -> b.tableName("nowhere")));
        refused(ResourceNotFoundException.class, "Requested resource not found", () ->
                db.getItem(b -> b.tableName("nowhere").key(item("pk", s("a")))));
        refused(ResourceNotFoundException.class, "Requested resource not found", () ->
                db.deleteTable(b -> b.tableName("nowhere")));
    }

    @Test
    void aDeletedTableIsGone() {
        String t = table();
        put(t, key("a", "1"));
        assertEquals(TableStatus.DELETING, db.deleteTable(b -> b.tableName(t)).tableDescription().tableStatus());
        refused(ResourceNotFoundException.class, "not found", () -> db.describeTable(b -> b.tableName(t)));
        create(t);
        db.waiter().waitUntilTableExists(b -> b.tableName(t));
        assertNull(db.getItem(b -> b.tableName(t).key(item("pk", s("a")))).item().get("pk"));
    }

    @Test
    void aMalformedTableIsRefused() {
        invalid("Number of attributes in KeySchema does not exactly match number of attributes defined in"
                + " AttributeDefinitions", () -> db.createTable(b -> b.tableName("extra-def")
                .billingMode(BillingMode.PAY_PER_REQUEST).attributeDefinitions(def("pk", "S"), def("unused", "S"))
                .keySchema(key("pk", KeyType.HASH))));
        invalid("Some index key attributes are not defined in AttributeDefinitions", () -> db.createTable(b ->
                b.tableName("no-def").billingMode(BillingMode.PAY_PER_REQUEST).attributeDefinitions(def("pk", "S"))
                        .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))));
        invalid("failed to satisfy constraint", () -> db.createTable(b -> b.tableName("x")
                .billingMode(BillingMode.PAY_PER_REQUEST).attributeDefinitions(def("pk", "S"))
                .keySchema(key("pk", KeyType.HASH))));
        invalid("ReadCapacityUnits and WriteCapacityUnits must both be specified", () -> db.createTable(b ->
                b.tableName("provisioned").attributeDefinitions(def("pk", "S")).keySchema(key("pk", KeyType.HASH))));
    }

    // UpdateTimeToLive: enabling it when it is on is a ValidationException ("TimeToLive is already enabled").
    @Test
    void timeToLive() {
        String t = table();
        assertEquals(TimeToLiveStatus.DISABLED, db.describeTimeToLive(b -> b.tableName(t)).timeToLiveDescription()
                .timeToLiveStatus());
        db.updateTimeToLive(b -> b.tableName(t).timeToLiveSpecification(s -> s.enabled(true).attributeName("purgeAt")));
        var d = db.describeTimeToLive(b -> b.tableName(t)).timeToLiveDescription();
        assertEquals(TimeToLiveStatus.ENABLED, d.timeToLiveStatus());
        assertEquals("purgeAt", d.attributeName());
        invalid("TimeToLive is already enabled", () -> db.updateTimeToLive(b -> b.tableName(t)
                .timeToLiveSpecification(s -> s.enabled(true).attributeName("purgeAt"))));
        refused(ResourceNotFoundException.class, "not found", () -> db.updateTimeToLive(b -> b.tableName("nowhere")
                .timeToLiveSpecification(s -> s.enabled(true).attributeName("purgeAt"))));
    }
}
