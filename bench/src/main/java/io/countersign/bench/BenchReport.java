package io.countersign.bench;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs the decision and compile benchmarks for every size in one process and prints the README's
 * table: Drools p50/p99 and throughput, the reference evaluator as the baseline ratio, compile time,
 * and whether the targets hold.
 *
 * <pre>java -jar bench/target/benchmarks.jar [--quick] [--risk] [--sizes 10,100,1000,10000] [--spread N]</pre>
 *
 * <p>{@code --spread N}: the requests name only N of each set's profiles (default: all).</p>
 */
public final class BenchReport {

    private BenchReport() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        String risk = "false";
        String sizes = "10,100,1000,10000";
        String spread = "0";
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                quick = true;
            } else if (args[i].equals("--risk")) {
                risk = "true";
            } else if (args[i].equals("--sizes") && i + 1 < args.length) {
                sizes = args[++i];
            } else if (args[i].equals("--spread") && i + 1 < args.length) {
                spread = args[++i];
            }
        }
        String[] params = sizes.split(",");
        // The p50 of a small set differs by up to a third between JVMs of the same build (what the JIT
        // inlines varies), which swings the 10,000 ÷ 10 ratio: the Drools path runs in three JVMs per
        // size and reports percentiles over their pooled samples. The baseline runs in one.
        Collection<RunResult> decisions = new java.util.ArrayList<>();
        decisions.addAll(new Runner(decide(DecideBenchmark.class.getName() + ".drools$", params, risk, spread,
                quick, quick ? 1 : 3).build()).run());
        decisions.addAll(new Runner(decide(DecideBenchmark.class.getName() + ".reference$", params, risk, spread,
                quick, 1).build()).run());
        ChainedOptionsBuilder compile = new OptionsBuilder()
                .include(CompileBenchmark.class.getName())
                .param("rules", params)
                .param("risk", risk)
                .forks(1)
                .warmupIterations(0)
                .measurementIterations(quick ? 2 : 3)
                .jvmArgsAppend("-Xmx4g");
        Collection<RunResult> compiles = new Runner(compile.build()).run();

        Map<Integer, Statistics> drools = new TreeMap<>();
        Map<Integer, Statistics> reference = new TreeMap<>();
        Map<Integer, Statistics> build = new TreeMap<>();
        for (RunResult r : decisions) {
            int rules = Integer.parseInt(r.getParams().getParam("rules"));
            Statistics s = r.getPrimaryResult().getStatistics();
            (r.getParams().getBenchmark().endsWith("drools") ? drools : reference).put(rules, s);
        }
        for (RunResult r : compiles) {
            build.put(Integer.parseInt(r.getParams().getParam("rules")), r.getPrimaryResult().getStatistics());
        }
        StringBuilder out = new StringBuilder();
        out.append("| rules | Drools p50 / p99 (µs) | Drools decisions/s | reference p50 / p99 (µs) | reference ÷ Drools (p50) | compile (ms) |\n");
        out.append("|---:|---:|---:|---:|---:|---:|\n");
        for (int rules : drools.keySet()) {
            Statistics d = drools.get(rules);
            Statistics ref = reference.get(rules);
            Statistics c = build.get(rules);
            out.append(String.format(Locale.ROOT, "| %,d | %.2f / %.2f | %,.0f | %.2f / %.2f | %.1f× | %s |%n", rules,
                    d.getPercentile(50), d.getPercentile(99), 1e6 / d.getMean(), ref.getPercentile(50),
                    ref.getPercentile(99), ref.getPercentile(50) / d.getPercentile(50),
                    c == null ? "–" : String.format(Locale.ROOT, "%,.0f", c.getPercentile(50))));
        }
        out.append('\n');
        target(out, drools, build);
        System.out.print(out);
    }

    private static ChainedOptionsBuilder decide(String include, String[] params, String risk, String spread,
            boolean quick, int forks) {
        return new OptionsBuilder()
                .include(include)
                .param("rules", params)
                .param("risk", risk)
                .param("spread", spread)
                .forks(forks)
                .threads(1)
                .warmupIterations(quick ? 2 : 4)
                .warmupTime(TimeValue.seconds(quick ? 1 : 3))
                .measurementIterations(quick ? 3 : 5)
                .measurementTime(TimeValue.seconds(quick ? 1 : 3))
                .jvmArgsAppend("-Xmx4g");
    }

    private static void target(StringBuilder out, Map<Integer, Statistics> drools, Map<Integer, Statistics> build) {
        Statistics k = drools.get(1000);
        if (k != null) {
            out.append(String.format(Locale.ROOT, "- 1,000 rules: p50 %.2f µs (target ≤ 2), p99 %.2f µs (target ≤ 20)%n",
                    k.getPercentile(50), k.getPercentile(99)));
        }
        Statistics small = drools.get(10);
        Statistics large = drools.get(10000);
        if (small != null && large != null) {
            out.append(String.format(Locale.ROOT, "- p50 at 10,000 rules ÷ p50 at 10 rules: %.2f (target ≤ 2)%n",
                    large.getPercentile(50) / small.getPercentile(50)));
        }
        Statistics c = build.get(1000);
        if (c != null) {
            out.append(String.format(Locale.ROOT, "- compile 1,000 rules: %,.0f ms (target ≤ 3,000)%n", c.getPercentile(50)));
        }
    }
}
