package io.countersign.store.dynamodb;

import io.countersign.engine.contract.EveryPropertyContract;
import io.countersign.engine.contract.StoreFixture;

class DynamoEveryPropertyTest extends EveryPropertyContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
