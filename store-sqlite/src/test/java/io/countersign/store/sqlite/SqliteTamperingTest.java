package io.countersign.store.sqlite;

import io.countersign.engine.contract.TamperingContract;
import io.countersign.engine.contract.StoreFixture;

class SqliteTamperingTest extends TamperingContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
