package io.countersign.store.dynamodb;

import io.countersign.engine.contract.RawRecords;
import io.countersign.engine.contract.StoreFixture;
import io.countersign.engine.store.Store;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The store contract on tables made before the {@code due} and {@code followUps} indexes and upgraded
 * ({@link TableUpgrade}): an upgraded table is as good as a new one.
 */
final class UpgradedTableFixture implements StoreFixture {

    static final UpgradedTableFixture INSTANCE = new UpgradedTableFixture();
    private static final AtomicInteger TABLES = new AtomicInteger();

    private UpgradedTableFixture() {
    }

    @Override
    public DynamoStore open() {
        String table = "upgraded" + TABLES.incrementAndGet() + "-" + ProcessHandle.current().pid();
        OldTables.beforeDue(DynamoStoreFixture.client(), table);
        new TableUpgrade(DynamoStoreFixture.client(), table, line -> { }).run(p -> "");
        return new DynamoStore(DynamoStoreFixture.client(), table, null);
    }

    @Override
    public RawRecords raw(Store store) {
        return DynamoStoreFixture.INSTANCE.raw(store);
    }

    @Override
    public void drop(Store store) {
        DynamoStoreFixture.INSTANCE.drop(store);
    }
}
