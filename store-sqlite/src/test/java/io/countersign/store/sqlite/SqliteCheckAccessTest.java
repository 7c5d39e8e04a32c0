package io.countersign.store.sqlite;

import io.countersign.engine.contract.CheckAccessContract;
import io.countersign.engine.contract.StoreFixture;

class SqliteCheckAccessTest extends CheckAccessContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
