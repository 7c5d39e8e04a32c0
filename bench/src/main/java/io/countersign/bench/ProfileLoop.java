package io.countersign.bench;

import io.countersign.engine.Authorizer;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.request.AccessRequest;
import java.util.List;

/**
 * Decides generated requests in a loop for a profiler to watch (JFR: add
 * {@code -XX:StartFlightRecording=filename=decide.jfr}).
 *
 * <pre>java -cp bench/target/benchmarks.jar io.countersign.bench.ProfileLoop RULES SECONDS [reference]</pre>
 */
public final class ProfileLoop {

    private ProfileLoop() {
    }

    public static void main(String[] args) throws Exception {
        int rules = Integer.parseInt(args[0]);
        double seconds = Double.parseDouble(args[1]);
        PolicySet set = PolicySet.of(GeneratedPolicies.policies(rules));
        Authorizer a = args.length > 2 ? Authorizer.reference(set) : Authorizer.of(set);
        List<AccessRequest> requests = GeneratedPolicies.requests(rules, 4096, 42);
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long n = 0;
        long window = System.nanoTime();
        while (System.nanoTime() < end) {
            a.decide(requests.get((int) (n++ & 4095)));
            if ((n & 0xFFFF) == 0) {
                long now = System.nanoTime();
                System.out.printf("%.2f µs/decision%n", (now - window) / 65536e3);
                window = now;
            }
        }
        System.out.println(n + " decisions");
    }
}
