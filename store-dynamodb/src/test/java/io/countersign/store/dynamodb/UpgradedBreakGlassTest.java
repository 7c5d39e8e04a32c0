package io.countersign.store.dynamodb;

import io.countersign.engine.contract.BreakGlassContract;
import io.countersign.engine.contract.StoreFixture;

/** The break-glass contract, whose reviews and follow-ups are read through the indexes an upgrade adds, on upgraded tables. */
class UpgradedBreakGlassTest extends BreakGlassContract {
    @Override
    protected StoreFixture fixture() {
        return UpgradedTableFixture.INSTANCE;
    }
}
