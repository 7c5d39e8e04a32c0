package io.countersign.store.dynamodb;

import io.countersign.engine.contract.ExportImportContract;
import io.countersign.engine.contract.StoreFixture;

class DynamoExportImportTest extends ExportImportContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
