package io.countersign.store.dynamodb;

import io.countersign.engine.contract.RefusalContract;
import io.countersign.engine.contract.StoreFixture;

class DynamoRefusalTest extends RefusalContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
