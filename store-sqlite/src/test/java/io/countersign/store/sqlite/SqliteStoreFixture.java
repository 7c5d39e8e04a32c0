package io.countersign.store.sqlite;

import io.countersign.engine.contract.RawRecords;
import io.countersign.engine.contract.StoreFixture;
import io.countersign.engine.store.Store;

/** The store contract on SQLite: each store a database file in a temporary directory of its own. */
public final class SqliteStoreFixture implements StoreFixture {

    /** The one fixture: stores are independent files, so it holds nothing. */
    public static final SqliteStoreFixture INSTANCE = new SqliteStoreFixture();

    private SqliteStoreFixture() {
    }

    @Override
    public Store open() {
        return SqliteStores.fresh();
    }

    @Override
    public RawRecords raw(Store store) {
        return new SqliteRawRecords(((SqliteStore) store).file());
    }

    @Override
    public void drop(Store store) {
        store.close(); // the temporary directory goes when the JVM ends
    }
}
