package io.countersign.engine.contract;

import io.countersign.engine.store.Store;

/**
 * What the contract needs of a store module: fresh stores, raw access to what they hold, and a way to
 * throw them away. One instance serves every contract class of a module (it may keep a database server
 * or a temporary directory for the whole test run); it must be thread-safe.
 */
public interface StoreFixture {

    /**
     * A new, empty store, isolated from every other store this fixture made (a table, a database file
     * of its own): a test never sees another test's requests, even when tests run in parallel.
     */
    Store open();

    /** Raw access to the records of {@code store}, a store {@link #open} made, bypassing its API. */
    RawRecords raw(Store store);

    /** Closes {@code store} and deletes everything it held; called once after each test, also after a failure. */
    void drop(Store store);
}
