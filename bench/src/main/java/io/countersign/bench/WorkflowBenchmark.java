package io.countersign.bench;

import io.countersign.engine.Authorizer;
import io.countersign.engine.access.AccessAnswer;
import io.countersign.engine.directory.Directory;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.seal.SealKeys;
import io.countersign.engine.seal.SealedStore;
import io.countersign.engine.store.Store;
import io.countersign.engine.workflow.StoredRequest;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Workflow;
import io.countersign.lang.source.SourceFile;
import io.countersign.store.dynamodb.DynamoStore;
import io.countersign.store.dynamodb.EmbeddedDynamo;
import io.countersign.store.dynamodb.Table;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The workflow on embedded DynamoDB Local: submit (evaluate + one transactional create), approve
 * (read + one conditional transaction), the gateway's access check (one indexed query, and for the
 * grant it allows one read and check of that request's record), all on the sealed store, and as the
 * baseline in the same process, a bare {@code GetItem} — the cheapest call the database answers.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WorkflowBenchmark {

    static final String POLICY = """
            policy ops {
              scope profile matches "prod-*"
              allow unsigned decisions
              rule needs-a-lead {
                when profile == "prod-db"
                then require approval from 1 of group "leads"
                  cap duration 4h
              }
            }
            """;

    /** One embedded database, one table, one workflow. */
    @State(Scope.Benchmark)
    public static class Db {
        EmbeddedDynamo db;
        DynamoStore store;
        Workflow workflow;
        final AtomicLong users = new AtomicLong();
        String approved;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            db = EmbeddedDynamo.inMemory(Files.createTempDirectory("countersign-bench"));
            Table.create(db.client(), "bench");
            store = new DynamoStore(db.client(), "bench", null);
            byte[] sealKey = new byte[32];
            new java.security.SecureRandom().nextBytes(sealKey);
            Store sealed = SealedStore.over(store, SealKeys.of("bench", Map.of("bench", sealKey)));
            Directory directory = id -> Optional.of(new Directory.User(id,
                    id.startsWith("lead") ? List.of("leads") : List.of("engineering"), Map.of()));
            workflow = new Workflow(Authorizer.of(PolicySet.of(List.of(new SourceFile("ops.policy", POLICY)))), sealed,
                    directory, Clock.systemUTC());
            StoredRequest r = workflow.submit(request("user-0"));
            approved = workflow.approve(r.id(), "lead-0", Terms.because("benchmark")).requester();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            db.close();
        }

        /** A request from a new user each time, so the tables grow as they would. */
        AccessRequest next() {
            return request("user-" + users.incrementAndGet());
        }
    }

    static AccessRequest request(String requester) {
        return new AccessRequest(null, requester, null, null, "prod-db", List.of(), Duration.ofHours(1), null,
                "benchmark", null, Map.of(), null);
    }

    /** Pending requests waiting for the approve benchmark, made outside the measured time. */
    @State(Scope.Thread)
    public static class Pending {
        final ArrayDeque<String> ids = new ArrayDeque<>();

        @Setup(Level.Iteration)
        public void fill(Db db) {
            ids.clear();
            for (int i = 0; i < 2000; i++) {
                ids.add(db.workflow.submit(db.next()).id());
            }
        }
    }

    @Benchmark
    public StoredRequest submit(Db db) {
        return db.workflow.submit(db.next());
    }

    @Benchmark
    public StoredRequest approve(Db db, Pending p) {
        String id = p.ids.poll();
        if (id == null) {
            id = db.workflow.submit(db.next()).id(); // the iteration outran its supply: counted, and rare
        }
        return db.workflow.approve(id, "lead-1", Terms.because("benchmark"));
    }

    @Benchmark
    public AccessAnswer accessCheck(Db db) {
        return db.workflow.checkAccess(db.approved, "prod-db", List.of(), null);
    }

    /** The baseline: one consistent GetItem of a request. */
    @Benchmark
    public Map<String, AttributeValue> getItemBaseline(Db db) {
        return db.db.client().getItem(b -> b.tableName("bench")
                .key(Map.of("pk", AttributeValue.fromS("REQ#none"), "sk", AttributeValue.fromS("REQ")))
                .consistentRead(true)).item();
    }
}
