package io.countersign.store.sqlite;

import io.countersign.engine.contract.StoreSpiContract;
import io.countersign.engine.contract.StoreFixture;

class SqliteStoreSpiTest extends StoreSpiContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
