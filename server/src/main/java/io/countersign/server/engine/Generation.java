package io.countersign.server.engine;

import io.countersign.engine.Authorizer;
import io.countersign.engine.directory.Directory;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.workflow.Workflow;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One loaded policy set with everything built from it. Calls hold it while they run; once retired by a
 * reload it closes when the last call lets go, so no call in flight sees its Drools sessions closed.
 */
public final class Generation implements AutoCloseable {

    private final PolicySet set;
    private final Authorizer authorizer;
    private final Directory directory;
    private final Workflow workflow;
    /** Calls holding this generation, plus one for being current. */
    private final AtomicInteger holds = new AtomicInteger(1);

    Generation(PolicySet set, Authorizer authorizer, Directory directory, Workflow workflow) {
        this.set = set;
        this.authorizer = authorizer;
        this.directory = directory;
        this.workflow = workflow;
    }

    public PolicySet set() {
        return set;
    }

    public Authorizer authorizer() {
        return authorizer;
    }

    public Directory directory() {
        return directory;
    }

    /** The workflow over the store, deciding by this set; null when the server runs without a store. */
    public Workflow workflow() {
        return workflow;
    }

    public String digest() {
        return set.digest();
    }

    /** Takes a hold; false when the generation closed meanwhile (the caller takes the current one again). */
    boolean hold() {
        while (true) {
            int n = holds.get();
            if (n == 0) {
                return false;
            }
            if (holds.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Lets go of a hold (or, on retirement, of being current); the last one closes the authorizer. */
    @Override
    public void close() {
        if (holds.decrementAndGet() == 0) {
            authorizer.close();
        }
    }
}
