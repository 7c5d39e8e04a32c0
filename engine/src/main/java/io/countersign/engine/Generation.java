package io.countersign.engine;

import io.countersign.engine.policy.PolicyDirectory;
import io.countersign.engine.store.Store;
import io.countersign.engine.workflow.Workflow;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One policy set in use by a {@link Countersign}: its authorizer and the workflow over the store. A
 * reload retires it; it is closed when the last call that entered it leaves, so a call in flight
 * finishes on the set it began with.
 */
final class Generation {

    private final PolicyDirectory loaded;
    private final Authorizer authorizer;
    private final Optional<Workflow> workflow;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean retired = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private Generation(PolicyDirectory loaded, Authorizer authorizer, Optional<Workflow> workflow) {
        this.loaded = loaded;
        this.authorizer = authorizer;
        this.workflow = workflow;
    }

    static Generation of(PolicyDirectory loaded, Countersign.Mode mode, Optional<Store> store, Clock clock) {
        Authorizer a = (mode == Countersign.Mode.COMPILED ? Authorizer.of(loaded.set())
                : Authorizer.reference(loaded.set())).withClock(clock);
        return new Generation(loaded, a, store.map(s -> new Workflow(a, s, loaded.directory(), loaded.keys(), clock)));
    }

    PolicyDirectory loaded() {
        return loaded;
    }

    Authorizer authorizer() {
        return authorizer;
    }

    Workflow workflow() {
        return workflow.orElseThrow(() -> new IllegalStateException(
                "this Countersign was built without a store: it decides, but keeps no requests"));
    }

    void enter() {
        inFlight.incrementAndGet();
    }

    void release() {
        if (inFlight.decrementAndGet() == 0 && retired.get()) {
            closeOnce();
        }
    }

    /** No new call enters; the last one in flight closes it (or this, when none is). */
    void retire() {
        retired.set(true);
        if (inFlight.get() == 0) {
            closeOnce();
        }
    }

    private void closeOnce() {
        if (closed.compareAndSet(false, true)) {
            authorizer.close();
        }
    }
}
