package io.countersign.store.sqlite;

import io.countersign.engine.contract.DeadLettersContract;
import io.countersign.engine.contract.StoreFixture;

class SqliteDeadLettersTest extends DeadLettersContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
