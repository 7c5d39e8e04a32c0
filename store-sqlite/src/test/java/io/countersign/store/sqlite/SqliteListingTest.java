package io.countersign.store.sqlite;

import io.countersign.engine.contract.ListingContract;
import io.countersign.engine.contract.StoreFixture;

class SqliteListingTest extends ListingContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
