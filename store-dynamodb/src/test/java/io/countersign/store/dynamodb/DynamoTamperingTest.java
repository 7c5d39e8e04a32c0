package io.countersign.store.dynamodb;

import io.countersign.engine.contract.TamperingContract;
import io.countersign.engine.contract.StoreFixture;

class DynamoTamperingTest extends TamperingContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
