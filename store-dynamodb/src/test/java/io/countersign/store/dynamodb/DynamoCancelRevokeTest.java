package io.countersign.store.dynamodb;

import io.countersign.engine.contract.CancelRevokeContract;
import io.countersign.engine.contract.StoreFixture;

class DynamoCancelRevokeTest extends CancelRevokeContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
