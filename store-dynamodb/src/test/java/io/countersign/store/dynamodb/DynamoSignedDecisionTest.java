package io.countersign.store.dynamodb;

import io.countersign.engine.contract.SignedDecisionContract;
import io.countersign.engine.contract.StoreFixture;

class DynamoSignedDecisionTest extends SignedDecisionContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
