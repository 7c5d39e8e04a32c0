package io.countersign.store.dynamodb;

import io.countersign.engine.contract.DecisionRecordContract;
import io.countersign.engine.contract.StoreFixture;

class DynamoDecisionRecordTest extends DecisionRecordContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
