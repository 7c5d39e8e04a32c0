package io.countersign.store.dynamodb;

import io.countersign.engine.contract.SubmitContract;
import io.countersign.engine.contract.StoreFixture;

class DynamoSubmitTest extends SubmitContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
