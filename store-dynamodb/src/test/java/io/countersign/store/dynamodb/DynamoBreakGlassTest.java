package io.countersign.store.dynamodb;

import io.countersign.engine.contract.BreakGlassContract;
import io.countersign.engine.contract.StoreFixture;

class DynamoBreakGlassTest extends BreakGlassContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
