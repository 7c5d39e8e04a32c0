package io.countersign.bench;

import io.countersign.engine.Authorizer;
import io.countersign.engine.Countersign;
import io.countersign.engine.policy.PolicyDirectory;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.request.AccessRequest;
import java.util.List;
import java.util.function.Function;

/**
 * Decisions through the authorizer and through the facade in one JVM, in alternating slices of one
 * second: on a loaded machine, load that drifts between two JMH forks would be read as a difference,
 * here it falls on both sides alike.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.countersign.bench.FacadeAB RULES ROUNDS</pre>
 */
public final class FacadeAB {

    private FacadeAB() {
    }

    public static void main(String[] args) throws Exception {
        int rules = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        PolicySet set = PolicySet.of(GeneratedPolicies.policies(rules, false));
        AccessRequest[] requests = GeneratedPolicies.requests(rules, 4096, 42).toArray(new AccessRequest[0]);
        try (Authorizer authorizer = Authorizer.of(set);
                Countersign facade = Countersign.builder().policies(PolicyDirectory.of(set)).build()) {
            List<Function<AccessRequest, Object>> paths = List.of(authorizer::decide, facade::decide);
            for (int warm = 0; warm < 3; warm++) {
                paths.forEach(p -> slice(p, requests, 1_000_000_000L));
            }
            double[] sum = new double[2];
            for (int r = 0; r < rounds; r++) {
                double a = slice(paths.get(0), requests, 1_000_000_000L);
                double f = slice(paths.get(1), requests, 1_000_000_000L);
                sum[0] += a;
                sum[1] += f;
                System.out.printf("round %d: authorizer %.3f µs, facade %.3f µs%n", r + 1, a, f);
            }
            System.out.printf("mean of %d rounds at %d rules: authorizer %.3f µs, facade %.3f µs (%+.1f%%)%n", rounds,
                    rules, sum[0] / rounds, sum[1] / rounds, 100 * (sum[1] - sum[0]) / sum[0]);
        }
    }

    /** Mean µs per decision over a slice of {@code nanos}. */
    private static double slice(Function<AccessRequest, Object> path, AccessRequest[] requests, long nanos) {
        long stop = System.nanoTime() + nanos;
        long n = 0;
        long t0 = System.nanoTime();
        Object sink = null;
        while (System.nanoTime() < stop) {
            sink = path.apply(requests[(int) (n++ & (requests.length - 1))]);
        }
        if (sink == null) {
            throw new IllegalStateException("no decision");
        }
        return (System.nanoTime() - t0) / 1e3 / n;
    }
}
