package io.countersign.store.sqlite;

import io.countersign.engine.contract.SeedScenarioContract;
import io.countersign.engine.contract.StoreFixture;

class SqliteSeedScenarioTest extends SeedScenarioContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
