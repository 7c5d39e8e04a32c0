package io.countersign.engine;

import io.countersign.engine.directory.Directory;
import io.countersign.engine.policy.PolicyDirectory;
import io.countersign.engine.precedent.PrecedentSettings;
import io.countersign.engine.store.Store;
import io.countersign.engine.workflow.Workflow;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.util.Optional;

/**
 * One policy set in use by a {@link Countersign}: its authorizer and the workflow over the store. A
 * reload retires it; it is closed when the last call that entered it leaves, so a call in flight
 * finishes on the set it began with. The count and the flags are fields of this object (not atomics
 * of their own): a decision touches as few cache lines as the authorizer alone would, and one more.
 */
final class Generation {

    private static final VarHandle IN_FLIGHT;
    private static final VarHandle CLOSED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            IN_FLIGHT = l.findVarHandle(Generation.class, "inFlight", int.class);
            CLOSED = l.findVarHandle(Generation.class, "closed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Authorizer authorizer;
    private final Directory directory;
    private final Optional<Workflow> workflow;
    private final PolicyDirectory loaded;
    /** Calls inside this generation now; changed through {@link #IN_FLIGHT}. */
    private volatile int inFlight;
    private volatile boolean retired;
    /** Whether the authorizer was closed; set once through {@link #CLOSED}. */
    private volatile boolean closed;

    private Generation(PolicyDirectory loaded, Authorizer authorizer, Optional<Workflow> workflow) {
        this.loaded = loaded;
        this.authorizer = authorizer;
        this.directory = loaded.directory();
        this.workflow = workflow;
    }

    static Generation of(PolicyDirectory loaded, Countersign.Mode mode, Optional<Store> store, Clock clock,
            PrecedentSettings precedents) {
        Authorizer a = (switch (mode) {
            case COMPILED -> Authorizer.of(loaded.set());
            case SCAN -> Authorizer.scanning(loaded.set());
            case REFERENCE -> Authorizer.reference(loaded.set());
        }).withClock(clock);
        return new Generation(loaded, a, store.map(s -> new Workflow(a, s, loaded.directory(), loaded.keys(), clock)
                .withPrecedents(precedents)));
    }

    PolicyDirectory loaded() {
        return loaded;
    }

    Authorizer authorizer() {
        return authorizer;
    }

    Directory directory() {
        return directory;
    }

    Workflow workflow() {
        return workflow.orElseThrow(() -> new IllegalStateException(
                "this Countersign was built without a store: it decides, but keeps no requests"));
    }

    void enter() {
        IN_FLIGHT.getAndAdd(this, 1);
    }

    void release() {
        if ((int) IN_FLIGHT.getAndAdd(this, -1) == 1 && retired) {
            closeOnce();
        }
    }

    /** No new call enters; the last one in flight closes it (or this, when none is). */
    void retire() {
        retired = true;
        if ((int) IN_FLIGHT.getVolatile(this) == 0) {
            closeOnce();
        }
    }

    private void closeOnce() {
        if (CLOSED.compareAndSet(this, false, true)) {
            authorizer.close();
        }
    }
}
