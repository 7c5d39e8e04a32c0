package io.countersign.store.dynamodb;

import io.countersign.engine.contract.AuditNoteContract;
import io.countersign.engine.contract.StoreFixture;

class DynamoAuditNoteTest extends AuditNoteContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
