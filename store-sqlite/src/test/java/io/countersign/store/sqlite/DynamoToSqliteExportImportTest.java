package io.countersign.store.sqlite;

import io.countersign.engine.contract.ExportImportContract;
import io.countersign.engine.contract.StoreFixture;
import io.countersign.store.dynamodb.DynamoStoreFixture;

/** And back: a history made on DynamoDB (the strict test server) moves to the embedded store. */
class DynamoToSqliteExportImportTest extends ExportImportContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }

    @Override
    protected StoreFixture targetFixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
