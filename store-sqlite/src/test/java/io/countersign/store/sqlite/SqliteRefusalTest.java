package io.countersign.store.sqlite;

import io.countersign.engine.contract.RefusalContract;
import io.countersign.engine.contract.StoreFixture;

class SqliteRefusalTest extends RefusalContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
