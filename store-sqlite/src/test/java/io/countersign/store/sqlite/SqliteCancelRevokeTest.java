package io.countersign.store.sqlite;

import io.countersign.engine.contract.CancelRevokeContract;
import io.countersign.engine.contract.StoreFixture;

class SqliteCancelRevokeTest extends CancelRevokeContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
