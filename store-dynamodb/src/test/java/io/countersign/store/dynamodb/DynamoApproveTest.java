package io.countersign.store.dynamodb;

import io.countersign.engine.contract.ApproveContract;
import io.countersign.engine.contract.StoreFixture;

class DynamoApproveTest extends ApproveContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
