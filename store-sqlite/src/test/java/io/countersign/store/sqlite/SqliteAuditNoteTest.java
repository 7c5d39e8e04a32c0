package io.countersign.store.sqlite;

import io.countersign.engine.contract.AuditNoteContract;
import io.countersign.engine.contract.StoreFixture;

class SqliteAuditNoteTest extends AuditNoteContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
