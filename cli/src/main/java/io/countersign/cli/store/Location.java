package io.countersign.cli.store;

import io.countersign.engine.seal.SealKeys;
import io.countersign.engine.store.Store;
import io.countersign.store.dynamodb.StoreLocation;
import io.countersign.store.sqlite.NativeLibrary;
import io.countersign.store.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where a command's store is: the embedded SQLite file under the home, or a DynamoDB table (real
 * DynamoDB by region, or another endpoint that speaks its protocol).
 */
public sealed interface Location {

    /** Opens the store; the embedded one is created or brought up to date on the way. */
    Store open();

    /** Creates the store ({@code store init}); false when it exists already. */
    boolean init();

    /** Where the data is, in words. */
    String where();

    /** The keys that seal this store's writes: the home's file, or COUNTERSIGN_SEAL_KEY for a shared store. */
    SealKeys sealKeys() throws IOException;

    /** The embedded default: {@code home/countersign.db}, no server, no account. */
    record Embedded(Path home, Function<String, String> environment) implements Location {

        public Embedded(Path home) {
            this(home, System::getenv);
        }

        public Path file() {
            return home.resolve(SqliteStore.FILE);
        }

        @Override
        public Store open() {
            // One copy of SQLite's native library in the home, instead of one unpacked per command.
            NativeLibrary.cacheIn(home.resolve("lib"));
            return SqliteStore.in(home);
        }

        @Override
        public boolean init() {
            boolean existed;
            try {
                existed = Files.exists(file()) && Files.size(file()) > 0;
            } catch (IOException e) {
                existed = false; // opening says what is wrong with the file
            }
            open().close();
            return !existed;
        }

        @Override
        public String where() {
            return "the embedded store " + file();
        }

        @Override
        public SealKeys sealKeys() throws IOException {
            return SealKeys.forStore(true, home, environment);
        }
    }

    /** A DynamoDB table, made once by {@code store init}. */
    record DynamoDb(StoreLocation location, Function<String, String> environment) implements Location {

        public DynamoDb(StoreLocation location) {
            this(location, System::getenv);
        }

        public DynamoDb {
            if (location.embedded()) {
                throw new IllegalArgumentException("a DynamoDB location names a region or an endpoint");
            }
        }

        public String table() {
            return location.table();
        }

        @Override
        public Store open() {
            return location.open();
        }

        @Override
        public boolean init() {
            return location.init();
        }

        @Override
        public String where() {
            return "table '" + location.table() + "' at " + location.where();
        }

        @Override
        public SealKeys sealKeys() throws IOException {
            return SealKeys.forStore(false, null, environment);
        }
    }
}
