package io.countersign.store.dynamodb;

import io.countersign.engine.contract.IndexTamperingContract;
import io.countersign.engine.contract.StoreFixture;

class DynamoIndexTamperingTest extends IndexTamperingContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
