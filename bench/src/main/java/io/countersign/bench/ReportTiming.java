package io.countersign.bench;

import io.countersign.engine.report.GeneratedHistory;
import io.countersign.engine.report.Report;
import io.countersign.engine.report.ReportQuery;
import io.countersign.engine.report.Reporter;
import io.countersign.store.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

/**
 * How long {@code countersign report} takes on 10,000 requests in a SQLite file (the history of
 * {@link GeneratedHistory}): the store written once, then the whole report (every listing page, the
 * histories of people's denials, the suggestions) timed in one JVM after warm-up, and once more narrowed
 * to one profile and the last 30 days.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.countersign.bench.ReportTiming [REQUESTS] [RUNS]</pre>
 */
public final class ReportTiming {

    private ReportTiming() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Instant until = Instant.parse("2026-11-30T00:00:00Z");
        Path dir = Files.createTempDirectory("countersign-report");
        try (SqliteStore store = SqliteStore.open(dir.resolve("report.db"))) {
            long t0 = System.nanoTime();
            GeneratedHistory.of(n, until).write(store);
            System.out.printf("wrote %,d requests in %,d ms%n", n, (System.nanoTime() - t0) / 1_000_000);
            Reporter reporter = new Reporter(store);
            ReportQuery all = ReportQuery.until(until);
            ReportQuery narrow = all.withSince(until.minus(java.time.Duration.ofDays(30))).withProfile("prod-admin");
            time("whole store", reporter, all, runs);
            time("prod-admin, last 30 days", reporter, narrow, runs);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void time(String what, Reporter reporter, ReportQuery q, int runs) {
        for (int i = 0; i < 3; i++) {
            reporter.report(q);
        }
        long[] ms = new long[runs];
        Report last = null;
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            last = reporter.report(q);
            ms[i] = (System.nanoTime() - t) / 1_000_000;
        }
        Arrays.sort(ms);
        System.out.printf("%s: %,d requests, %d suggestions: median %,d ms (min %,d, max %,d) over %d runs%n", what,
                last.total().requests(), last.suggestions().size(), ms[runs / 2], ms[0], ms[runs - 1], runs);
    }
}
