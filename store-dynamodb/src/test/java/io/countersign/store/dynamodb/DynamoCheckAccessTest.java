package io.countersign.store.dynamodb;

import io.countersign.engine.contract.CheckAccessContract;
import io.countersign.engine.contract.StoreFixture;

class DynamoCheckAccessTest extends CheckAccessContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
