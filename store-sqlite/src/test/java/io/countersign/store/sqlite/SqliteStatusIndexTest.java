package io.countersign.store.sqlite;

import io.countersign.engine.contract.StatusIndexContract;
import io.countersign.engine.contract.StoreFixture;

class SqliteStatusIndexTest extends StatusIndexContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
