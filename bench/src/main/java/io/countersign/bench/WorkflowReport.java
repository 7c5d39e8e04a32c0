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
 * per operation, and each against the bare GetItem baseline measured in the same process.
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
        Statistics base = by.get("getItemBaseline");
        StringBuilder out = new StringBuilder();
        out.append("| operation | ops/s (1 thread) | p50 (µs) | p99 (µs) | p50 ÷ GetItem p50 |\n");
        out.append("|---|---:|---:|---:|---:|\n");
        for (String op : new String[] {"submit", "approve", "accessCheck", "getItemBaseline"}) {
            Statistics s = by.get(op);
            if (s == null) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %.1f× |%n", op, 1e6 / s.getMean(),
                    s.getPercentile(50), s.getPercentile(99), s.getPercentile(50) / base.getPercentile(50)));
        }
        System.out.print(out);
    }
}
