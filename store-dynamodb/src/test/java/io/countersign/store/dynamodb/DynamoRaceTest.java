package io.countersign.store.dynamodb;

import io.countersign.engine.contract.RaceContract;
import io.countersign.engine.contract.StoreFixture;

class DynamoRaceTest extends RaceContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
