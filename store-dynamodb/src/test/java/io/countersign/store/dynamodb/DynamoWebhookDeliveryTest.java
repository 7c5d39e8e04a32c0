package io.countersign.store.dynamodb;

import io.countersign.engine.contract.WebhookDeliveryContract;
import io.countersign.engine.contract.StoreFixture;

class DynamoWebhookDeliveryTest extends WebhookDeliveryContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }
}
