package io.countersign.store.sqlite;

import io.countersign.engine.contract.ExportImportContract;
import io.countersign.engine.contract.StoreFixture;
import io.countersign.store.dynamodb.DynamoStoreFixture;

/** A history made on the embedded store moves to DynamoDB (the strict test server) and verifies there. */
class SqliteToDynamoExportImportTest extends ExportImportContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }

    @Override
    protected StoreFixture targetFixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
