package io.countersign.store.dynamodb;

import io.countersign.engine.contract.PrecedentContract;
import io.countersign.engine.contract.StoreFixture;

class DynamoPrecedentTest extends PrecedentContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
