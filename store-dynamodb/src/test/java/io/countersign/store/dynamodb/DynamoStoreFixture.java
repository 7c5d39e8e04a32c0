package io.countersign.store.dynamodb;

import io.countersign.store.dynamodb.testserver.StrictDynamoTestServer;

import io.countersign.engine.contract.RawRecords;
import io.countersign.engine.contract.StoreFixture;
import io.countersign.engine.store.Store;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The store contract's fixture for DynamoDB: one database for the whole test run, a table of its own
 * for every store it opens, dropped afterwards.
 */
public final class DynamoStoreFixture implements StoreFixture {

    /** The one fixture: its database lives as long as the test JVM. */
    public static final DynamoStoreFixture INSTANCE = new DynamoStoreFixture();

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static StrictDynamoTestServer db;

    private DynamoStoreFixture() {
    }

    /**
     * The DynamoDB every test of this module talks to: the one place it comes from. Started on first
     * use, once per test JVM (on a loopback port), and left running until the JVM exits.
     */
    static synchronized DynamoDbClient client() {
        if (db == null) {
            db = StrictDynamoTestServer.start();
        }
        return db.client();
    }

    /** A fresh, empty table: tests never see each other's requests. */
    static String newTable() {
        String table = "t" + TABLES.incrementAndGet() + "-" + ProcessHandle.current().pid();
        Table.create(client(), table);
        return table;
    }

    @Override
    public DynamoStore open() {
        return new DynamoStore(client(), newTable(), null);
    }

    @Override
    public RawRecords raw(Store store) {
        return new DynamoRawRecords(client(), ((DynamoStore) store).table());
    }

    /** Closes the store and drops its table: the database would otherwise hold every test's items to the end. */
    @Override
    public void drop(Store store) {
        store.close();
        client().deleteTable(b -> b.tableName(((DynamoStore) store).table()));
    }
}
