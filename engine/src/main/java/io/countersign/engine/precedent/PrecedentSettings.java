package io.countersign.engine.precedent;

import java.time.Duration;
import java.util.Objects;

/**
 * How precedents are sought at submission.
 *
 * @param window how far back a precedent may lie (by the creation of its request)
 * @param limit how many precedents a request keeps, most similar first; 0 seeks none
 * @param candidates how many of the profile's newest requests are read to choose them from: the bound
 *     on the read, whatever the store holds
 */
public record PrecedentSettings(Duration window, int limit, int candidates) {

    /** 90 days, 10 precedents, from the profile's newest 100 requests. */
    public static final PrecedentSettings DEFAULT = new PrecedentSettings(Duration.ofDays(90), 10, 100);
    /** Seeks none. */
    public static final PrecedentSettings NONE = new PrecedentSettings(Duration.ofDays(90), 0, 100);
    /** The most candidates one read may take: a store's largest page. */
    public static final int MAX_CANDIDATES = 1000;

    public PrecedentSettings {
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the precedent window must be positive, not " + window);
        }
        if (limit < 0 || limit > 100) {
            throw new IllegalArgumentException("the number of precedents must lie in 0..100, not " + limit);
        }
        if (candidates < 1 || candidates > MAX_CANDIDATES || candidates < limit) {
            throw new IllegalArgumentException("the precedent candidates must lie in " + Math.max(1, limit) + ".."
                    + MAX_CANDIDATES + ", not " + candidates);
        }
    }

    public PrecedentSettings withWindow(Duration w) {
        return new PrecedentSettings(w, limit, candidates);
    }

    public PrecedentSettings withLimit(int n) {
        return new PrecedentSettings(window, n, Math.max(candidates, n));
    }

    public PrecedentSettings withCandidates(int n) {
        return new PrecedentSettings(window, limit, n);
    }

    /** Whether any are sought. */
    public boolean seeking() {
        return limit > 0;
    }
}
