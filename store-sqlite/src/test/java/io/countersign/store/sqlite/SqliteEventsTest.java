package io.countersign.store.sqlite;

import io.countersign.engine.contract.EventsContract;
import io.countersign.engine.contract.StoreFixture;

class SqliteEventsTest extends EventsContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
