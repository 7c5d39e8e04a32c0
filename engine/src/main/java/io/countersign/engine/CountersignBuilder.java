package io.countersign.engine;

import io.countersign.engine.policy.PolicyDirectory;
import io.countersign.engine.precedent.PrecedentSettings;
import io.countersign.engine.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/** Builds a {@link Countersign}: {@link #policies} is required, everything else optional. */
public final class CountersignBuilder {
    private Optional<Path> source = Optional.empty();
    private Optional<PolicyDirectory> given = Optional.empty();
    private Optional<Store> store = Optional.empty();
    private Clock clock = Clock.systemUTC();
    private Countersign.Mode mode = Countersign.Mode.COMPILED;
    private PrecedentSettings precedents = PrecedentSettings.DEFAULT;

    CountersignBuilder() {
    }

    /** How precedents are sought at submission; {@link PrecedentSettings#DEFAULT} unless said. */
    public CountersignBuilder precedents(PrecedentSettings settings) {
        this.precedents = Objects.requireNonNull(settings);
        return this;
    }

    /** The policy directory: its {@code .policy} files, {@code directory.yaml} and {@code keys/}; reloadable. */
    public CountersignBuilder policies(Path dir) {
        this.source = Optional.of(dir);
        this.given = Optional.empty();
        return this;
    }

    /** Policies already loaded (a set built in memory, a directory read elsewhere); not reloadable from disk. */
    public CountersignBuilder policies(PolicyDirectory loaded) {
        this.given = Optional.of(loaded);
        this.source = Optional.empty();
        return this;
    }

    /** The store requests live in; without one only {@code decide} and {@code explain} work. */
    public CountersignBuilder store(Store s) {
        this.store = Optional.of(s);
        return this;
    }

    /** The clock requests are submitted and acted on by (tests move it). */
    public CountersignBuilder clock(Clock c) {
        this.clock = Objects.requireNonNull(c);
        return this;
    }

    public CountersignBuilder mode(Countersign.Mode m) {
        this.mode = Objects.requireNonNull(m);
        return this;
    }

    /**
     * Reads, checks and compiles the policies.
     *
     * @throws PolicyLoadException with every diagnostic when the policies have errors, or naming the
     *     file that cannot be read
     */
    public Countersign build() {
        if (given.isPresent()) {
            return new Countersign(source, store, clock, mode, precedents, given.get());
        }
        Path dir = source.orElseThrow(() -> new IllegalStateException("no policies: call policies(dir) first"));
        return new Countersign(source, store, clock, mode, precedents, PolicySource.load(dir));
    }
}
