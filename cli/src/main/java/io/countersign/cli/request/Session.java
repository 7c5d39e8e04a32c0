package io.countersign.cli.request;

import io.countersign.cli.policy.LoadedPolicies;
import io.countersign.cli.store.Location;
import io.countersign.engine.Authorizer;
import io.countersign.engine.seal.SealedStore;
import io.countersign.engine.store.Store;
import io.countersign.engine.store.StoreException;
import io.countersign.engine.workflow.Workflow;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The store of one command run, and for commands that decide, the workflow over it. Closing closes both.
 * Public for the commands of other packages ({@code notify}, {@code audit}). Any number of sessions,
 * in one process or many, may use one home at once: the embedded store is SQLite in WAL mode.
 */
public final class Session implements AutoCloseable {

    private final Store store;
    private final Authorizer authorizer;
    private final Workflow workflow;

    private Session(Store store, Authorizer authorizer, Workflow workflow) {
        this.store = store;
        this.authorizer = authorizer;
        this.workflow = workflow;
    }

    /** The store alone: for commands that only read. */
    public static Session reading(Location location) {
        return new Session(open(location), null, null);
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
     * The store and a workflow deciding by the policies in {@code dir}; null after printing the policy
     * errors. The store opens while the policies compile.
     */
    public static Session deciding(Location location, Path dir, PrintWriter err) {
        FutureTask<Store> opening = new FutureTask<>(() -> open(location));
        Thread t = new Thread(opening, "countersign-store-open");
        t.setDaemon(true);
        t.start();
        LoadedPolicies policies;
        Authorizer authorizer = null;
        try {
            policies = LoadedPolicies.of(dir, err);
            authorizer = policies == null ? null : Authorizer.reference(policies.set());
        } catch (RuntimeException e) {
            closeQuietly(opening);
            throw e;
        }
        if (policies == null) {
            closeQuietly(opening);
            return null;
        }
        Store store;
        try {
            store = join(opening);
        } catch (RuntimeException e) {
            authorizer.close();
            throw e;
        }
        return new Session(store, authorizer, new Workflow(authorizer, store, policies.directory(), policies.keys(),
                Clock.systemUTC()));
    }

    public Store store() {
        return store;
    }

    public Workflow workflow() {
        if (workflow == null) {
            throw new IllegalStateException("this session only reads");
        }
        return workflow;
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            if (authorizer != null) {
                authorizer.close();
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
