package io.countersign.store.dynamodb;

import io.countersign.engine.contract.EventsContract;
import io.countersign.engine.contract.StoreFixture;

class DynamoEventsTest extends EventsContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
