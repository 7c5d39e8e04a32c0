package io.countersign.server.engine;

import io.countersign.engine.Countersign;
import io.countersign.engine.precedent.PrecedentSettings;
import io.countersign.engine.PolicyLoadException;
import io.countersign.engine.store.Store;
import io.countersign.lang.diag.Diagnostic;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The facade built from the policy directory, and what its latest reload said: a set with errors is
 * refused and the one in use stays (the facade swaps only a clean set, calls in flight finishing on theirs).
 */
public final class Engine implements AutoCloseable {

    private final Countersign facade;
    private final Store store;
    private final Clock clock;
    private volatile Reload last;

    /** The outcome of the latest load: applied, or refused with the errors, one a line. */
    public record Reload(Instant at, boolean applied, String digest, List<String> errors) {
        public Reload {
            errors = List.copyOf(errors);
        }
    }

    /** The policies could not be loaded: the errors with file:line:column, or the file that cannot be read. */
    public static final class LoadException extends Exception {
        private static final long serialVersionUID = 1L;

        LoadException(String message) {
            super(message);
        }
    }

    private Engine(Countersign facade, Store store, Clock clock) {
        this.facade = facade;
        this.store = store;
        this.clock = clock;
        this.last = new Reload(clock.instant(), true, facade.policyVersion(), List.of());
    }

    /**
     * The compiled policies under {@code dir} over {@code store} (none: decisions only).
     *
     * @throws LoadException with the policy errors when the set does not load clean
     */
    public static Engine load(Path dir, Store store, Clock clock) throws LoadException {
        return load(dir, store, clock, PrecedentSettings.DEFAULT);
    }

    /** {@link #load(Path, Store, Clock)}, seeking precedents at submission as {@code precedents} say. */
    public static Engine load(Path dir, Store store, Clock clock, PrecedentSettings precedents) throws LoadException {
        io.countersign.engine.CountersignBuilder b = Countersign.builder().policies(dir).clock(clock).mode(Countersign.Mode.COMPILED)
                .precedents(precedents);
        if (store != null) {
            b.store(store);
        }
        try {
            return new Engine(b.build(), store, clock);
        } catch (PolicyLoadException e) {
            throw new LoadException(e.report().strip());
        }
    }

    /** The facade every call goes through. */
    public Countersign facade() {
        return facade;
    }

    /** Reloads the directory: swapped in when clean, refused (and remembered) otherwise. */
    public synchronized Reload reload() {
        io.countersign.engine.Reload r = facade.reload();
        List<String> errors = r.applied() ? List.of()
                : r.diagnostics().isEmpty() ? r.report().lines().toList()
                : r.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::headline).toList();
        last = new Reload(clock.instant(), r.applied(), r.policyVersion(), errors);
        return last;
    }

    public Reload lastReload() {
        return last;
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
        facade.close();
    }
}
