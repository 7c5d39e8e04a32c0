package io.countersign.store.dynamodb;

import io.countersign.engine.contract.StoreSpiContract;
import io.countersign.engine.contract.StoreFixture;

class DynamoStoreSpiTest extends StoreSpiContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
