package io.countersign.store.sqlite;

import io.countersign.engine.contract.ExportImportContract;
import io.countersign.engine.contract.StoreFixture;

class SqliteExportImportTest extends ExportImportContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
