package io.countersign.store.sqlite;

import io.countersign.engine.contract.DecisionRecordContract;
import io.countersign.engine.contract.StoreFixture;

class SqliteDecisionRecordTest extends DecisionRecordContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
