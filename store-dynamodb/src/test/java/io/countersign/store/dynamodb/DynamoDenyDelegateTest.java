package io.countersign.store.dynamodb;

import io.countersign.engine.contract.DenyDelegateContract;
import io.countersign.engine.contract.StoreFixture;

class DynamoDenyDelegateTest extends DenyDelegateContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
