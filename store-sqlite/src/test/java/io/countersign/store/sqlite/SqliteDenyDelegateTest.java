package io.countersign.store.sqlite;

import io.countersign.engine.contract.DenyDelegateContract;
import io.countersign.engine.contract.StoreFixture;

class SqliteDenyDelegateTest extends DenyDelegateContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
