package io.countersign.store.sqlite;

import io.countersign.engine.contract.PrecedentContract;
import io.countersign.engine.contract.StoreFixture;

class SqlitePrecedentTest extends PrecedentContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
