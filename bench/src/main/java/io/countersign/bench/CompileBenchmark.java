package io.countersign.bench;

import io.countersign.engine.Authorizer;
import io.countersign.engine.policy.PolicySet;
import io.countersign.lang.source.SourceFile;
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

/** Compile time per size: parse, check, generate DRL and build the Drools knowledge base. */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CompileBenchmark {

    /** The sources of one size. */
    @State(Scope.Benchmark)
    public static class Sources {
        @Param({"10", "100", "1000", "10000"})
        public int rules;

        /** With a company-wide policy of risk factors and a risk-dependent stage (README, second table). */
        @Param({"false"})
        public boolean risk;

        List<SourceFile> files;

        @Setup(Level.Trial)
        public void setUp() {
            files = GeneratedPolicies.policies(rules, risk);
        }
    }

    @Benchmark
    public Authorizer compile(Sources s) throws Exception {
        return Authorizer.of(PolicySet.of(s.files));
    }
}
