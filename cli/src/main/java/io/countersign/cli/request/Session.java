package io.countersign.cli.request;

import io.countersign.cli.policy.LoadedPolicies;
import io.countersign.engine.Authorizer;
import io.countersign.engine.seal.SealKeys;
import io.countersign.engine.seal.SealedStore;
import io.countersign.engine.store.Store;
import io.countersign.engine.store.StoreException;
import io.countersign.engine.workflow.Workflow;
import io.countersign.store.dynamodb.StoreLocation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The store of one command run, and for commands that decide, the workflow over it. Closing closes both.
 * Public for the commands of other packages ({@code notify}, {@code audit}): every command takes the
 * embedded store's lock the same way.
 */
public final class Session implements AutoCloseable {

    private final Opened opened;
    private final Store store;
    private final Authorizer authorizer;
    private final Workflow workflow;

    private Session(Opened opened, Authorizer authorizer, Workflow workflow) {
        this.opened = opened;
        this.store = opened.store();
        this.authorizer = authorizer;
        this.workflow = workflow;
    }

    /** The store, and for the embedded one the lock that keeps other commands on the same home waiting. */
    private record Opened(Store store, FileChannel lock) {
        void close() {
            try {
                store.close();
            } finally {
                if (lock != null) {
                    try {
                        lock.close();
                    } catch (IOException ignored) {
                        // closing the channel releases the lock; the file stays for the next command
                    }
                }
            }
        }
    }

    /** The store alone: for commands that only read. */
    public static Session reading(StoreLocation location) {
        return new Session(open(location), null, null);
    }

    /**
     * The store and a workflow deciding by the policies in {@code dir}; null after printing the policy
     * errors. The embedded database starts while the policies compile: each takes about a second.
     */
    public static Session deciding(StoreLocation location, Path dir, PrintWriter err) {
        FutureTask<Opened> opening = new FutureTask<>(() -> open(location));
        Thread t = new Thread(opening, "countersign-store-open");
        t.setDaemon(true);
        t.start();
        LoadedPolicies policies;
        Authorizer authorizer = null;
        try {
            policies = LoadedPolicies.of(dir, err);
            authorizer = policies == null ? null : Authorizer.of(policies.set());
        } catch (RuntimeException e) {
            closeQuietly(opening);
            throw e;
        }
        if (policies == null) {
            closeQuietly(opening);
            return null;
        }
        Opened opened;
        try {
            opened = join(opening);
        } catch (RuntimeException e) {
            authorizer.close();
            throw e;
        }
        return new Session(opened, authorizer, new Workflow(authorizer, opened.store(), policies.directory(),
                policies.keys(), Clock.systemUTC()));
    }

    /**
     * Creates the table when it is missing ({@code store init}); true when it did. The embedded store
     * is created under the same lock as every other command's session, so an init beside a running
     * command waits its turn instead of starting a second database on the same file.
     */
    public static boolean init(StoreLocation location) {
        if (!location.embedded()) {
            return location.init();
        }
        long deadline = System.nanoTime() + LOCKED_WAIT.toNanos();
        FileChannel lock = lock(location, deadline);
        try {
            return whileLocked(deadline, location::init);
        } finally {
            try {
                lock.close();
            } catch (IOException e) {
                // closing the channel releases the lock; a failure to close leaves nothing to undo
            }
        }
    }

    /** How long to wait for another command that holds the embedded database. */
    static final Duration LOCKED_WAIT = Duration.ofSeconds(60);

    /**
     * Opens the store. Two DynamoDB Local instances on one SQLite file lock each other out, so commands
     * on the same home take turns through a file lock; and in one JVM the previous instance may still
     * be releasing the file after its shutdown returned, so a database locked or in use is tried again.
     */
    private static Opened open(StoreLocation location) {
        if (!location.embedded()) {
            return new Opened(sealed(location, location.open()), null);
        }
        long deadline = System.nanoTime() + LOCKED_WAIT.toNanos();
        FileChannel lock = lock(location, deadline);
        try {
            return new Opened(sealed(location, whileLocked(deadline, location::open)), lock);
        } catch (RuntimeException e) {
            try {
                lock.close();
            } catch (IOException ignored) {
                // the failure to open is what matters
            }
            throw e;
        }
    }

    /** The store with the service's seal on every write (the home's key file, or COUNTERSIGN_SEAL_KEY). */
    private static Store sealed(StoreLocation location, Store store) {
        try {
            return SealedStore.over(store, SealKeys.forStore(location.embedded(), location.home(), System::getenv));
        } catch (IOException e) {
            store.close();
            throw new StoreException(e.getMessage(), e);
        }
    }

    /**
     * Runs {@code action} again while the database is locked or in use and the deadline has not
     * passed: in one JVM the previous instance may still be releasing the file after its shutdown.
     */
    private static <T> T whileLocked(long deadline, java.util.function.Supplier<T> action) {
        while (true) {
            try {
                return action.get();
            } catch (StoreException e) {
                if (!locked(e) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            pause();
        }
    }

    private static FileChannel lock(StoreLocation location, long deadline) {
        Path file = location.home().resolve("countersign.lock");
        try {
            Files.createDirectories(location.home());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            while (true) {
                try {
                    if (channel.tryLock() != null) {
                        return channel;
                    }
                } catch (OverlappingFileLockException heldInThisJvm) {
                    // another session of this process (a test) has not closed yet
                }
                if (System.nanoTime() > deadline) {
                    channel.close();
                    throw new StoreException("another countersign command is using " + location.home()
                            + " and has not finished in " + LOCKED_WAIT.toSeconds() + " s", null);
                }
                pause();
            }
        } catch (IOException e) {
            throw new StoreException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the embedded database", e);
        }
    }

    private static boolean locked(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            // SQLite's lock held by another instance, or this JVM's previous instance not yet deregistered
            if (m != null && (m.contains("database is locked") || m.contains("already in use"))) {
                return true;
            }
        }
        return false;
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
            opened.close();
        } finally {
            if (authorizer != null) {
                authorizer.close();
            }
        }
    }

    private static Opened join(FutureTask<Opened> opening) {
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
    private static void closeQuietly(FutureTask<Opened> opening) {
        try {
            join(opening).close();
        } catch (RuntimeException ignored) {
            // reported elsewhere, or not worth reporting
        }
    }
}
