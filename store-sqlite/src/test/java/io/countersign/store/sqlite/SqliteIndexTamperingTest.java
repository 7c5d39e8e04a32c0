package io.countersign.store.sqlite;

import io.countersign.engine.contract.IndexTamperingContract;
import io.countersign.engine.contract.StoreFixture;

class SqliteIndexTamperingTest extends IndexTamperingContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
