package io.countersign.store.sqlite;

import io.countersign.engine.contract.SignedDecisionContract;
import io.countersign.engine.contract.StoreFixture;

class SqliteSignedDecisionTest extends SignedDecisionContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
