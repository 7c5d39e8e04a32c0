package io.countersign.store.sqlite;

import io.countersign.engine.contract.BreakGlassContract;
import io.countersign.engine.contract.StoreFixture;

class SqliteBreakGlassTest extends BreakGlassContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
