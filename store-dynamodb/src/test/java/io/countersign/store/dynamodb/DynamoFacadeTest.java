package io.countersign.store.dynamodb;

import io.countersign.engine.contract.FacadeContract;
import io.countersign.engine.contract.StoreFixture;

class DynamoFacadeTest extends FacadeContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
