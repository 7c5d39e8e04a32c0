package io.countersign.engine;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The {@link Generation} a {@link Countersign} uses now: a call enters the current one and finishes on
 * it, whatever a reload swaps in meanwhile; the one swapped out closes when its last call leaves.
 */
final class InUse {

    private final AtomicReference<Generation> current;

    InUse(Generation first) {
        this.current = new AtomicReference<>(first);
    }

    /** The generation in use now, without entering it (for reading what it was built from). */
    Generation now() {
        return current.get();
    }

    <T> T call(Function<Generation, T> f) {
        Generation g = acquire();
        try {
            return f.apply(g);
        } finally {
            g.release();
        }
    }

    /** Puts {@code next} in use; calls in flight finish on the one it replaces, which then closes. */
    void swap(Generation next) {
        current.getAndSet(next).retire();
    }

    void close() {
        current.get().retire();
    }

    private Generation acquire() {
        while (true) {
            Generation g = current.get();
            g.enter();
            if (current.get() == g) {
                return g;
            }
            g.release();
        }
    }
}
