package io.countersign.engine.precedent;

import io.countersign.lang.parse.DurationText;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

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

    /**
     * These settings with those {@code env} names over them: {@code COUNTERSIGN_PRECEDENT_WINDOW} (a
     * duration, {@code 90d}), {@code COUNTERSIGN_PRECEDENTS} (how many; 0 seeks none) and
     * {@code COUNTERSIGN_PRECEDENT_CANDIDATES}.
     *
     * @throws IllegalArgumentException naming the variable and what is wrong with it
     */
    public PrecedentSettings withEnvironment(Function<String, String> env) {
        return with(env.apply("COUNTERSIGN_PRECEDENT_WINDOW"), env.apply("COUNTERSIGN_PRECEDENTS"),
                env.apply("COUNTERSIGN_PRECEDENT_CANDIDATES"), "COUNTERSIGN_PRECEDENT_WINDOW", "COUNTERSIGN_PRECEDENTS",
                "COUNTERSIGN_PRECEDENT_CANDIDATES");
    }

    /**
     * These settings with the ones given as text over them (null or blank: unchanged); {@code names} name
     * the three where they came from, for the message.
     *
     * @throws IllegalArgumentException naming the setting and what is wrong with it
     */
    public PrecedentSettings with(String window, String limit, String candidates, String... names) {
        PrecedentSettings out = this;
        String at = names[0];
        try {
            if (window != null && !window.isBlank()) {
                out = out.withWindow(DurationText.parse(window.trim()));
            }
            at = names[1];
            if (limit != null && !limit.isBlank()) {
                out = out.withLimit(number(limit));
            }
            at = names[2];
            if (candidates != null && !candidates.isBlank()) {
                out = out.withCandidates(number(candidates));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number", e);
        }
    }

    /** Whether any are sought. */
    public boolean seeking() {
        return limit > 0;
    }
}
