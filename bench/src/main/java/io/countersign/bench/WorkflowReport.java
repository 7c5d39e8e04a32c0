package io.countersign.bench;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs {@link WorkflowBenchmark} and prints the README's table: operations per second, p50 and p99
 * per operation, and each against its baseline measured in the same process (writes against a bare
 * transactional insert, the access check against a bare read by key), and whether the targets hold.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.countersign.bench.WorkflowReport [--quick]</pre>
 */
public final class WorkflowReport {

    private WorkflowReport() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(WorkflowBenchmark.class.getName())
                .forks(1)
                .threads(1)
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.seconds(quick ? 2 : 5))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(quick ? 2 : 5))
                .jvmArgsAppend("-Xmx2g")
                .build()).run();
        Map<String, Statistics> by = new TreeMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            by.put(name.substring(name.lastIndexOf('.') + 1), r.getPrimaryResult().getStatistics());
        }
        Map<String, String> baselineOf = Map.of("submit", "insertBaseline", "approve", "insertBaseline",
                "accessCheck", "readBaseline", "insertBaseline", "insertBaseline", "readBaseline", "readBaseline");
        StringBuilder out = new StringBuilder();
        out.append("| operation | ops/s (1 thread) | p50 (µs) | p99 (µs) | baseline | p50 ÷ baseline p50 |\n");
        out.append("|---|---:|---:|---:|---|---:|\n");
        for (String op : new String[] {"submit", "approve", "accessCheck", "insertBaseline", "readBaseline"}) {
            Statistics s = by.get(op);
            Statistics base = by.get(baselineOf.get(op));
            if (s == null || base == null) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.1f | %,.1f | %s | %.1f× |%n", op, 1e6 / s.getMean(),
                    s.getPercentile(50), s.getPercentile(99), baselineOf.get(op),
                    s.getPercentile(50) / base.getPercentile(50)));
        }
        Statistics submit = by.get("submit");
        Statistics access = by.get("accessCheck");
        if (submit != null && access != null) {
            double s50 = submit.getPercentile(50);
            double a50 = access.getPercentile(50);
            out.append(String.format(Locale.ROOT, "%naccess check p50 %.1f µs (target ≤ 50): %s; submit p50 %.1f µs"
                    + " (target ≤ 1,000): %s; within 3× of their baselines: %s%n", a50, a50 <= 50 ? "holds" : "MISSED",
                    s50, s50 <= 1000 ? "holds" : "MISSED",
                    a50 <= 3 * by.get("readBaseline").getPercentile(50)
                            && s50 <= 3 * by.get("insertBaseline").getPercentile(50) ? "yes" : "NO"));
        }
        System.out.print(out);
    }
}
