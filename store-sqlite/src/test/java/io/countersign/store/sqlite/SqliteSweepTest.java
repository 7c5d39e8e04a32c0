package io.countersign.store.sqlite;

import io.countersign.engine.contract.SweepContract;
import io.countersign.engine.contract.StoreFixture;

class SqliteSweepTest extends SweepContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
