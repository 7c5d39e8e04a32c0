package io.countersign.store.dynamodb;

import io.countersign.engine.contract.OutboxContract;
import io.countersign.engine.contract.StoreFixture;

class DynamoOutboxTest extends OutboxContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
