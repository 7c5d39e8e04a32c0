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

/**
 * Compile time of one rule by the size of its condition ({@link GeneratedConditions}): parse, check,
 * generate DRL and build the knowledge base. {@link ConditionReport} runs it and prints the table.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ConditionCompileBenchmark {

    /** The policy of one size and shape. */
    @State(Scope.Benchmark)
    public static class Sources {
        @Param({"10", "30", "100", "300", "1000"})
        public int terms;

        @Param({"or", "and", "mixed", "deep"})
        public String shape;

        List<SourceFile> files;

        @Setup(Level.Trial)
        public void setUp() {
            files = GeneratedConditions.policy(shape, terms);
        }
    }

    @Benchmark
    public Authorizer compile(Sources s) throws Exception {
        return Authorizer.of(PolicySet.of(s.files));
    }
}
