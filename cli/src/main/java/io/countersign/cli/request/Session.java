package io.countersign.cli.request;

import io.countersign.cli.policy.LoadedPolicies;
import io.countersign.cli.store.Location;
import io.countersign.engine.Countersign;
import io.countersign.engine.precedent.PrecedentSettings;
import io.countersign.engine.seal.SealedStore;
import io.countersign.engine.store.Store;
import io.countersign.engine.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The store of one command run, and for commands that decide, the engine's facade over it
 * ({@link Countersign}, evaluating with the reference evaluator: a one-shot process compiles nothing).
 * Closing closes both.
 * Public for the commands of other packages ({@code notify}, {@code audit}). Any number of sessions,
 * in one process or many, may use one home at once: the embedded store is SQLite in WAL mode.
 */
public final class Session implements AutoCloseable {

    private final Store store;
    private final Countersign countersign;

    private Session(Store store, Countersign countersign) {
        this.store = store;
        this.countersign = countersign;
    }

    /** The store alone: for commands that only read. */
    public static Session reading(Location location) {
        return new Session(open(location), null);
    }

    /** The store with the service's seal on every write: the home's key file, or COUNTERSIGN_SEAL_KEY. */
    private static Store open(Location location) {
        Store store = location.open();
        try {
            return SealedStore.over(store, location.sealKeys());
        } catch (IOException e) {
            store.close();
            throw new StoreException(e.getMessage(), e);
        }
    }

    /**
     * The store and the engine deciding by the policies in {@code dir}; null after printing the policy
     * errors. The store opens while the policies compile.
     */
    public static Session deciding(Location location, Path dir, PrintWriter err) {
        return deciding(location, dir, err, PrecedentSettings.DEFAULT);
    }

    /** {@link #deciding(Location, Path, PrintWriter)}, seeking precedents at submission as {@code precedents} say. */
    public static Session deciding(Location location, Path dir, PrintWriter err, PrecedentSettings precedents) {
        FutureTask<Store> opening = new FutureTask<>(() -> open(location));
        Thread t = new Thread(opening, "countersign-store-open");
        t.setDaemon(true);
        t.start();
        LoadedPolicies policies;
        try {
            policies = LoadedPolicies.of(dir, err);
        } catch (RuntimeException e) {
            closeQuietly(opening);
            throw e;
        }
        if (policies == null) {
            closeQuietly(opening);
            return null;
        }
        Store store = join(opening);
        return new Session(store, Countersign.builder().policies(policies.loaded()).store(store)
                .mode(Countersign.Mode.SCAN).precedents(precedents).build());
    }

    public Store store() {
        return store;
    }

    public Countersign countersign() {
        if (countersign == null) {
            throw new IllegalStateException("this session only reads");
        }
        return countersign;
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            if (countersign != null) {
                countersign.close();
            }
        }
    }

    private static Store join(FutureTask<Store> opening) {
        try {
            return opening.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error x) {
                throw x;
            }
            throw new StoreException("opening the store failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while opening the store", e);
        }
    }

    /** The command fails for another reason already: a store that also failed to open adds nothing to say. */
    private static void closeQuietly(FutureTask<Store> opening) {
        try {
            join(opening).close();
        } catch (RuntimeException ignored) {
            // reported elsewhere, or not worth reporting
        }
    }
}
