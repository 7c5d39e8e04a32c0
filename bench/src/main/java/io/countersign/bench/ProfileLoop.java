package io.countersign.bench;

import io.countersign.engine.Authorizer;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.request.AccessRequest;
import java.util.List;

/**
 * Decides generated requests in a loop for a profiler to watch (JFR: add
 * {@code -XX:StartFlightRecording=filename=decide.jfr}).
 *
 * <pre>java -cp bench/target/benchmarks.jar io.countersign.bench.ProfileLoop RULES SECONDS [drools|reference|evaluator] [risk]</pre>
 */
public final class ProfileLoop {

    private ProfileLoop() {
    }

    public static void main(String[] args) throws Exception {
        int rules = Integer.parseInt(args[0]);
        double seconds = Double.parseDouble(args[1]);
        String mode = args.length > 2 ? args[2] : "drools";
        boolean risk = args.length > 3 && args[3].equals("risk");
        PolicySet set = PolicySet.of(GeneratedPolicies.policies(rules, risk));
        Authorizer a = mode.equals("reference") ? Authorizer.reference(set) : Authorizer.of(set);
        List<AccessRequest> requests = GeneratedPolicies.requests(rules, 4096, 42);
        if (mode.equals("evaluator")) {
            // Only the Drools evaluation: insert, fire, update, fire, delete. The findings are reused,
            // as the authorizer does: new ones would cost arrays as large as the set.
            io.countersign.engine.drools.DroolsEvaluator e = new io.countersign.engine.drools.DroolsEvaluator(set);
            io.countersign.engine.eval.Findings findings = new io.countersign.engine.eval.Findings(set);
            long stop = System.nanoTime() + (long) (seconds * 1e9);
            long count = 0;
            long t0 = System.nanoTime();
            while (System.nanoTime() < stop) {
                AccessRequest r = requests.get((int) (count++ & 4095));
                findings.reset();
                e.evaluate(new io.countersign.engine.eval.Facts(r, r.at().toInstant(), findings));
            }
            System.out.printf("%.2f µs/evaluation (Drools only)%n", (System.nanoTime() - t0) / 1e3 / count);
            return;
        }
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
