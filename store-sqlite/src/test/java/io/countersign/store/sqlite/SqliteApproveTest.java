package io.countersign.store.sqlite;

import io.countersign.engine.contract.ApproveContract;
import io.countersign.engine.contract.StoreFixture;

class SqliteApproveTest extends ApproveContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
