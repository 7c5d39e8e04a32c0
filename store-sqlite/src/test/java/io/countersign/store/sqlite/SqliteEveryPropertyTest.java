package io.countersign.store.sqlite;

import io.countersign.engine.contract.EveryPropertyContract;
import io.countersign.engine.contract.StoreFixture;

class SqliteEveryPropertyTest extends EveryPropertyContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
