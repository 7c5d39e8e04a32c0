package io.countersign.server.engine;

import io.countersign.engine.Authorizer;
import io.countersign.engine.directory.Directory;
import io.countersign.engine.directory.YamlDirectory;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.policy.PolicySetException;
import io.countersign.engine.signing.PublicKeys;
import io.countersign.engine.store.Store;
import io.countersign.engine.workflow.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The policy directory loaded, and reloaded on demand: a new set replaces the current one only when it
 * loads without errors; otherwise the current one stays and the errors are kept for {@code /readyz}.
 */
public final class Engine implements AutoCloseable {

    private final Path dir;
    private final Store store;
    private final Clock clock;
    private final AtomicReference<Generation> current;
    private volatile Reload last;

    /** The outcome of the latest load: applied, or refused with the errors. */
    public record Reload(Instant at, boolean applied, String digest, List<String> errors) {
        public Reload {
            errors = List.copyOf(errors);
        }
    }

    /** The policies could not be loaded: the errors, one a line with file:line:column. */
    public static final class LoadException extends Exception {
        private static final long serialVersionUID = 1L;

        LoadException(String message) {
            super(message);
        }
    }

    private Engine(Path dir, Store store, Clock clock, Generation first) {
        this.dir = dir;
        this.store = store;
        this.clock = clock;
        this.current = new AtomicReference<>(first);
        this.last = new Reload(clock.instant(), true, first.digest(), List.of());
    }

    /**
     * The policies under {@code dir} over {@code store} (none: decisions only).
     *
     * @throws LoadException with the policy errors when the set does not load clean
     */
    public static Engine load(Path dir, Store store, Clock clock) throws LoadException {
        return new Engine(dir, store, clock, generation(dir, store, clock));
    }

    private static Generation generation(Path dir, Store store, Clock clock) throws LoadException {
        PolicySet set;
        Directory directory;
        PublicKeys keys;
        try {
            set = PolicySet.load(List.of(dir));
            directory = Files.isDirectory(dir) ? YamlDirectory.in(dir) : Directory.EMPTY;
            keys = Files.isDirectory(dir) ? PublicKeys.load(dir.resolve("keys")) : PublicKeys.NONE;
        } catch (PolicySetException e) {
            throw new LoadException(e.result().render().strip());
        } catch (IOException | RuntimeException e) {
            throw new LoadException(dir + ": " + e.getMessage());
        }
        Authorizer authorizer = Authorizer.of(set).withClock(clock);
        Workflow workflow = store == null ? null : new Workflow(authorizer, store, directory, keys, clock);
        return new Generation(set, authorizer, directory, workflow);
    }

    /** The current generation, held until closed: try-with-resources around every call. */
    public Generation acquire() {
        while (true) {
            Generation g = current.get();
            if (g.hold()) {
                return g;
            }
        }
    }

    /** Loads the directory again and swaps it in when it is clean; the calls in flight finish on the old set. */
    public synchronized Reload reload() {
        Reload r;
        try {
            Generation next = generation(dir, store, clock);
            Generation old = current.getAndSet(next);
            old.close();
            r = new Reload(clock.instant(), true, next.digest(), List.of());
        } catch (LoadException e) {
            r = new Reload(clock.instant(), false, current.get().digest(), e.getMessage().lines().toList());
        }
        last = r;
        return r;
    }

    public Reload lastReload() {
        return last;
    }

    public Path directory() {
        return dir;
    }

    /** The store; null when the server decides only. */
    public Store store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        current.get().close();
    }
}
