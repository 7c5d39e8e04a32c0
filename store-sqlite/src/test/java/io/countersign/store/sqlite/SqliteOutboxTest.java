package io.countersign.store.sqlite;

import io.countersign.engine.contract.OutboxContract;
import io.countersign.engine.contract.StoreFixture;

class SqliteOutboxTest extends OutboxContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
