package io.countersign.store.sqlite;

import io.countersign.engine.contract.TimeOfUseContract;
import io.countersign.engine.contract.StoreFixture;

class SqliteTimeOfUseTest extends TimeOfUseContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
