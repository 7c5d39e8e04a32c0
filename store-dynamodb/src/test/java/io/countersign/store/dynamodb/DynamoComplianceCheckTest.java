package io.countersign.store.dynamodb;

import io.countersign.engine.contract.ComplianceCheckContract;
import io.countersign.engine.contract.StoreFixture;

class DynamoComplianceCheckTest extends ComplianceCheckContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
