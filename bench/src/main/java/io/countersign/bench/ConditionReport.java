package io.countersign.bench;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link ConditionCompileBenchmark} for every shape and size in one JVM and prints, per shape,
 * the compile time by the number of terms, per term, per term beyond the smallest size (the cost of
 * building any knowledge base set aside), and the growth from the previous size. Linear growth shows
 * as a steady cost per term beyond the smallest, and a time that grows by the factor the terms grow
 * by or less.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.countersign.bench.ConditionReport [--quick] [--sizes 10,100,1000] [--shapes or,and,mixed,deep]</pre>
 */
public final class ConditionReport {

    private ConditionReport() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        String sizes = "10,30,100,300,1000";
        String shapes = String.join(",", GeneratedConditions.SHAPES);
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                quick = true;
            } else if (args[i].equals("--sizes") && i + 1 < args.length) {
                sizes = args[++i];
            } else if (args[i].equals("--shapes") && i + 1 < args.length) {
                shapes = args[++i];
            }
        }
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(ConditionCompileBenchmark.class.getName())
                .param("terms", sizes.split(","))
                .param("shape", shapes.split(","))
                .forks(1)
                .warmupIterations(quick ? 2 : 3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 3 : 5)
                .measurementTime(TimeValue.seconds(quick ? 1 : 2))
                .jvmArgsAppend("-Xmx2g")
                .build()).run();
        Map<String, Map<Integer, Double>> ms = new TreeMap<>();
        for (RunResult r : results) {
            ms.computeIfAbsent(r.getParams().getParam("shape"), k -> new TreeMap<>())
                    .put(Integer.parseInt(r.getParams().getParam("terms")), r.getPrimaryResult().getScore());
        }
        StringBuilder out = new StringBuilder();
        out.append("| shape | terms | compile (ms) | ms / term | ms / term beyond the smallest | × time for × terms |\n");
        out.append("|---|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Map<Integer, Double>> shape : ms.entrySet()) {
            Map<Integer, Double> bySize = shape.getValue();
            int smallest = bySize.keySet().iterator().next();
            Integer previous = null;
            for (Map.Entry<Integer, Double> e : bySize.entrySet()) {
                int terms = e.getKey();
                double t = e.getValue();
                String growth = previous == null ? "–" : String.format(Locale.ROOT, "%.1f× for %.1f×",
                        t / bySize.get(previous), terms / (double) previous);
                String beyond = terms == smallest ? "–" : String.format(Locale.ROOT, "%.3f",
                        (t - bySize.get(smallest)) / (terms - smallest));
                out.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %.3f | %s | %s |%n", shape.getKey(), terms, t,
                        t / terms, beyond, growth));
                previous = terms;
            }
        }
        System.out.print(out);
    }
}
