package io.countersign.store.dynamodb;

import io.countersign.engine.contract.EscalateAppealContract;
import io.countersign.engine.contract.StoreFixture;

class DynamoEscalateAppealTest extends EscalateAppealContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
