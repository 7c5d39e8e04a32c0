package io.countersign.store.sqlite;

import io.countersign.engine.contract.WebhookDeliveryContract;
import io.countersign.engine.contract.StoreFixture;

class SqliteWebhookDeliveryTest extends WebhookDeliveryContract {
    @Override
    protected StoreFixture fixture() {
        return SqliteStoreFixture.INSTANCE;
    }
}
