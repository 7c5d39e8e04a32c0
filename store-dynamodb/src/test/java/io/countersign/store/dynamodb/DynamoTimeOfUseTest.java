package io.countersign.store.dynamodb;

import io.countersign.engine.contract.TimeOfUseContract;
import io.countersign.engine.contract.StoreFixture;

class DynamoTimeOfUseTest extends TimeOfUseContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
