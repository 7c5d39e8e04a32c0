package io.countersign.bench;

import io.countersign.engine.Authorizer;
import io.countersign.engine.Countersign;
import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.policy.PolicyDirectory;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.request.AccessRequest;
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

/**
 * Decision latency per policy-set size: the Drools path (one session reused per thread) against the
 * reference evaluator (a linear scan of the AST), on the same requests; and the Drools path through the
 * embedders' facade ({@link Countersign#decide}: a lease on the policy set in use, the directory's
 * completion), so that a run shows what the facade adds beside what it wraps.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecideBenchmark {

    /** One policy set, both authorizers, and the requests to decide. */
    @State(Scope.Benchmark)
    public static class Set {
        @Param({"10", "100", "1000", "10000"})
        public int rules;

        /** With a company-wide policy of risk factors and a risk-dependent stage (README, second table). */
        @Param({"false"})
        public boolean risk;

        /**
         * How many of the set's profiles the requests name (0: all of them). Separates what the size
         * of the set costs from what the rules the requests reach cost (docs/engine.md).
         */
        @Param({"0"})
        public int spread;

        Authorizer drools;
        Authorizer reference;
        Countersign facade;
        AccessRequest[] requests;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            PolicySet set = PolicySet.of(GeneratedPolicies.policies(rules, risk));
            drools = Authorizer.of(set);
            reference = Authorizer.reference(set);
            facade = Countersign.builder().policies(PolicyDirectory.of(set)).build();
            List<AccessRequest> list = GeneratedPolicies.requests(spread > 0 ? Math.min(spread, rules) : rules, 4096, 42);
            requests = list.toArray(new AccessRequest[0]);
        }
    }

    /** Which request comes next, per thread. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        AccessRequest next(Set s) {
            return s.requests[next++ & (s.requests.length - 1)];
        }
    }

    @Benchmark
    public Evaluation drools(Set s, Cursor c) {
        return s.drools.decide(c.next(s));
    }

    @Benchmark
    public Evaluation facade(Set s, Cursor c) {
        return s.facade.decide(c.next(s));
    }

    @Benchmark
    public Evaluation reference(Set s, Cursor c) {
        return s.reference.decide(c.next(s));
    }
}
