package io.countersign.store.sqlite;

import io.countersign.engine.contract.TamperEvidenceContract;
import io.countersign.engine.contract.StoreFixture;

class SqliteTamperEvidenceTest extends TamperEvidenceContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
