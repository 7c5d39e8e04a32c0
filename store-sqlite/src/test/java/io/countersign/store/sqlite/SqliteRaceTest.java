package io.countersign.store.sqlite;

import io.countersign.engine.contract.RaceContract;
import io.countersign.engine.contract.StoreFixture;

class SqliteRaceTest extends RaceContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
