package io.countersign.bench;

import io.countersign.engine.Authorizer;
import io.countersign.engine.access.AccessAnswer;
import io.countersign.engine.access.AccessQuestion;
import io.countersign.engine.directory.Directory;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.seal.SealKeys;
import io.countersign.engine.seal.SealedStore;
import io.countersign.engine.store.Store;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Workflow;
import io.countersign.lang.source.SourceFile;
import io.countersign.store.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
import org.sqlite.SQLiteConfig;

/**
 * The workflow on the embedded SQLite store, sealed as the command seals it: submit (evaluate + one
 * transactional create), approve (read and verify the record + one conditional transaction), the
 * gateway's access check (one statement: the open requests from their index with the records of the
 * approved ones; the grant it allows checked), and as the baselines in the same process and the same file, with the store's own
 * settings (WAL, synchronous NORMAL): a bare transactional insert of a row the size of a request, and a
 * bare read of one by its key.
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

    /** One database file, one store, one workflow; a plain connection to the same file for the baselines. */
    @State(Scope.Benchmark)
    public static class Db {
        Path dir;
        SqliteStore store;
        Workflow workflow;
        final AtomicLong users = new AtomicLong();
        String approved;
        Connection bare;
        PreparedStatement insert;
        PreparedStatement read;
        Statement begin;
        String row;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            dir = Files.createTempDirectory("countersign-bench");
            store = SqliteStore.in(dir);
            byte[] sealKey = new byte[32];
            new java.security.SecureRandom().nextBytes(sealKey);
            Store sealed = SealedStore.over(store, SealKeys.of("bench", Map.of("bench", sealKey)));
            Directory directory = id -> Optional.of(new Directory.User(id,
                    id.startsWith("lead") ? List.of("leads") : List.of("engineering"), Map.of()));
            workflow = new Workflow(Authorizer.of(PolicySet.of(List.of(new SourceFile("ops.policy", POLICY)))), sealed,
                    directory, Clock.systemUTC());
            StoredRequest r = workflow.submit(request("user-0"));
            approved = workflow.approve(r.id(), "lead-0", Terms.because("benchmark")).requester();

            SQLiteConfig config = new SQLiteConfig();
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            config.setBusyTimeout(10_000);
            bare = config.createConnection("jdbc:sqlite:" + store.file());
            begin = bare.createStatement();
            begin.execute("CREATE TABLE IF NOT EXISTS baseline (id TEXT NOT NULL PRIMARY KEY, data TEXT NOT NULL)");
            // a row as large as a stored request: its JSON
            row = io.countersign.engine.json.Json.mapper().writeValueAsString(store.get(r.id()).orElseThrow());
            insert = bare.prepareStatement("INSERT INTO baseline (id, data) VALUES (?, ?)");
            read = bare.prepareStatement("SELECT data FROM baseline WHERE id = ?");
            insertRow("row-0");
        }

        @TearDown(Level.Trial)
        public void tearDown() throws SQLException {
            bare.close();
            store.close();
        }

        /** A request from a new user each time, so the tables grow as they would. */
        AccessRequest next() {
            return request("user-" + users.incrementAndGet());
        }

        void insertRow(String id) throws SQLException {
            begin.execute("BEGIN IMMEDIATE");
            insert.setString(1, id);
            insert.setString(2, row);
            insert.executeUpdate();
            begin.execute("COMMIT");
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
        return db.workflow.checkAccess(AccessQuestion.of(db.approved, "prod-db"));
    }

    /** Baseline of the writes: one transaction inserting one row the size of a request. */
    @Benchmark
    public void insertBaseline(Db db) throws SQLException {
        db.insertRow("row-" + db.users.incrementAndGet());
    }

    /** Baseline of the access check: one row read by its key. */
    @Benchmark
    public String readBaseline(Db db) throws SQLException {
        db.read.setString(1, "row-0");
        try (ResultSet rs = db.read.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
