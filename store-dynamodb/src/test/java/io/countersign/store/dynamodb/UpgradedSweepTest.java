package io.countersign.store.dynamodb;

import io.countersign.engine.contract.SweepContract;
import io.countersign.engine.contract.StoreFixture;

/** The sweep contract, whose dues are read through the indexes an upgrade adds, on upgraded tables. */
class UpgradedSweepTest extends SweepContract {
    @Override
    protected StoreFixture fixture() {
        return UpgradedTableFixture.INSTANCE;
    }
}
