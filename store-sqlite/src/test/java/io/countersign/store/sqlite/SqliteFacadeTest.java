package io.countersign.store.sqlite;

import io.countersign.engine.contract.FacadeContract;
import io.countersign.engine.contract.StoreFixture;

class SqliteFacadeTest extends FacadeContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
