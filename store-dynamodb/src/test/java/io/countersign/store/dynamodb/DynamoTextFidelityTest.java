package io.countersign.store.dynamodb;

import io.countersign.engine.contract.StoreFixture;
import io.countersign.engine.contract.TextFidelityContract;

class DynamoTextFidelityTest extends TextFidelityContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
