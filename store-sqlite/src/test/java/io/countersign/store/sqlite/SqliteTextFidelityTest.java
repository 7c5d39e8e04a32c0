package io.countersign.store.sqlite;

import io.countersign.engine.contract.StoreFixture;
import io.countersign.engine.contract.TextFidelityContract;

class SqliteTextFidelityTest extends TextFidelityContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
