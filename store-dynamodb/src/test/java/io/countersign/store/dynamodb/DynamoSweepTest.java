package io.countersign.store.dynamodb;

import io.countersign.engine.contract.SweepContract;
import io.countersign.engine.contract.StoreFixture;

class DynamoSweepTest extends SweepContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
