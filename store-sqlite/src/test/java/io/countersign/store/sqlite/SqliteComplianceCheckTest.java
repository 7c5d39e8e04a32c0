package io.countersign.store.sqlite;

import io.countersign.engine.contract.ComplianceCheckContract;
import io.countersign.engine.contract.StoreFixture;

class SqliteComplianceCheckTest extends ComplianceCheckContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
