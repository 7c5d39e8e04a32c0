package io.countersign.store.dynamodb;

import io.countersign.engine.contract.TamperEvidenceContract;
import io.countersign.engine.contract.StoreFixture;

class DynamoTamperEvidenceTest extends TamperEvidenceContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
