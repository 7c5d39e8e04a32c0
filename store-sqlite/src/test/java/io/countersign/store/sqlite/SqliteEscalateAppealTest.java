package io.countersign.store.sqlite;

import io.countersign.engine.contract.EscalateAppealContract;
import io.countersign.engine.contract.StoreFixture;

class SqliteEscalateAppealTest extends EscalateAppealContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
