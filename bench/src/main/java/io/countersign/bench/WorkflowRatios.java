package io.countersign.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ratios of {@link WorkflowReport} measured in one JVM on one database, the operations taking
 * turns in blocks of 200 calls (submit, the bare insert, the access check, the bare read), so that a
 * machine shared with other work slows each of them alike: on a loaded machine the separate JMH forks
 * of the report see different loads, and their ratios say more about the load than the code. Prints
 * each p50 and the two ratios of the targets. The first quarter of the time warms up.
 *
 * <p>A third baseline takes its turn too: the rows a pending submission writes, written with bare SQL
 * ({@link WriteFloor.SubmissionRows}: the request row and its five indexes, its event in the outbox, its
 * inbox row). Submit against it is what the code adds over the database's own cost of those rows; the
 * floor against the bare insert is what the layout costs (docs/store.md "The cost of a write").
 *
 * <pre>java -cp bench/target/benchmarks.jar io.countersign.bench.WorkflowRatios [SECONDS]</pre>
 */
public final class WorkflowRatios {

    private static final int BLOCK = 200;

    private interface Op {
        void run(WorkflowBenchmark bench, WorkflowBenchmark.Db db) throws Exception;
    }

    private WorkflowRatios() {
    }

    public static void main(String[] args) throws Exception {
        long nanos = (long) ((args.length > 0 ? Double.parseDouble(args[0]) : 20) * 1e9);
        WorkflowBenchmark bench = new WorkflowBenchmark();
        WorkflowBenchmark.Db db = new WorkflowBenchmark.Db();
        db.setUp();
        WriteFloor.SubmissionRows rows = new WriteFloor.SubmissionRows(db.bare);
        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put("submit", WorkflowBenchmark::submit);
        ops.put("insertBaseline", WorkflowBenchmark::insertBaseline);
        ops.put("accessCheck", WorkflowBenchmark::accessCheck);
        ops.put("readBaseline", WorkflowBenchmark::readBaseline);
        ops.put("submissionRows", (b, d) -> rows.submission());
        Map<String, List<Long>> times = new LinkedHashMap<>();
        ops.keySet().forEach(k -> times.put(k, new ArrayList<>()));
        try {
            long start = System.nanoTime();
            while (System.nanoTime() - start < nanos) {
                boolean measured = System.nanoTime() - start > nanos / 4;
                for (Map.Entry<String, Op> op : ops.entrySet()) {
                    for (int i = 0; i < BLOCK; i++) {
                        long t0 = System.nanoTime();
                        op.getValue().run(bench, db);
                        long t = System.nanoTime() - t0;
                        if (measured) {
                            times.get(op.getKey()).add(t);
                        }
                    }
                }
            }
        } finally {
            db.tearDown();
        }
        Map<String, Double> p50 = new LinkedHashMap<>();
        times.forEach((k, v) -> {
            Collections.sort(v);
            p50.put(k, v.get(v.size() / 2) / 1e3);
        });
        p50.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-15s p50 %8.1f µs%n", k, v));
        System.out.printf(Locale.ROOT, "submit ÷ insertBaseline %.2f×, accessCheck ÷ readBaseline %.2f× (targets ≤ 3×)%n",
                p50.get("submit") / p50.get("insertBaseline"), p50.get("accessCheck") / p50.get("readBaseline"));
        System.out.printf(Locale.ROOT, "submit ÷ submissionRows %.2f× (the code over its rows' SQL),"
                + " submissionRows ÷ insertBaseline %.2f× (the layout)%n",
                p50.get("submit") / p50.get("submissionRows"), p50.get("submissionRows") / p50.get("insertBaseline"));
    }
}
