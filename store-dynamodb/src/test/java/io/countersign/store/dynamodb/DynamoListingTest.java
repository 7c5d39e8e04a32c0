package io.countersign.store.dynamodb;

import io.countersign.engine.contract.ListingContract;
import io.countersign.engine.contract.StoreFixture;

class DynamoListingTest extends ListingContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
