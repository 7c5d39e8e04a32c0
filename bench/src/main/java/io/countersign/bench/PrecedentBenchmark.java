package io.countersign.bench;

import io.countersign.engine.model.Precedent;
import io.countersign.engine.precedent.PrecedentFinder;
import io.countersign.engine.precedent.PrecedentHistory;
import io.countersign.engine.precedent.PrecedentSettings;
import io.countersign.engine.request.AccessRequest;
import io.countersign.store.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What seeking a new request's precedents costs at submission, on SQLite files holding 1,000, 10,000 and
 * 100,000 generated requests ({@link PrecedentHistory}): one listing of the profile's newest 100 from its
 * index, the ranking, and the ten precedents' histories. The time should not grow with the store.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.openjdk.jmh.Main PrecedentBenchmark -f 1 -wi 2 -i 3</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class PrecedentBenchmark {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Param({"1000", "10000", "100000"})
    int requests;

    Path dir;
    SqliteStore store;
    PrecedentFinder finder;
    AccessRequest ask;

    @Setup(Level.Trial)
    public void write() throws Exception {
        dir = Files.createTempDirectory("countersign-precedents");
        store = SqliteStore.open(dir.resolve("precedents.db"));
        PrecedentHistory h = PrecedentHistory.of(requests, NOW);
        h.write(store);
        finder = new PrecedentFinder(store, PrecedentSettings.DEFAULT);
        ask = h.ask("new-1");
        List<Precedent> found = finder.find(ask, NOW);
        if (!found.stream().map(Precedent::requestId).toList().equals(h.planted().subList(0, 10))) {
            throw new IllegalStateException("not the planted precedents: " + found);
        }
    }

    @TearDown(Level.Trial)
    public void remove() throws Exception {
        store.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public List<Precedent> find() {
        return finder.find(ask, NOW);
    }
}
