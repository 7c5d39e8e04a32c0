package io.countersign.store.dynamodb;

import io.countersign.engine.contract.SeedScenarioContract;
import io.countersign.engine.contract.StoreFixture;

class DynamoSeedScenarioTest extends SeedScenarioContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
