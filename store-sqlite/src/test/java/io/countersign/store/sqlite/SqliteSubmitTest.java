package io.countersign.store.sqlite;

import io.countersign.engine.contract.SubmitContract;
import io.countersign.engine.contract.StoreFixture;

class SqliteSubmitTest extends SubmitContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
