package io.countersign.store.dynamodb;

import io.countersign.engine.contract.DeadLettersContract;
import io.countersign.engine.contract.StoreFixture;

class DynamoDeadLettersTest extends DeadLettersContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
