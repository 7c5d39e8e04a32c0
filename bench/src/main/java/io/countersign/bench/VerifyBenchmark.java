package io.countersign.bench;

import io.countersign.engine.Authorizer;
import io.countersign.engine.access.AccessAnswer;
import io.countersign.engine.access.AccessQuestion;
import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.directory.Directory;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.seal.SealKeys;
import io.countersign.engine.seal.SealedStore;
import io.countersign.engine.signing.PublicKeys;
import io.countersign.engine.signing.SigningKey;
import io.countersign.engine.store.Change;
import io.countersign.engine.store.ConflictException;
import io.countersign.engine.store.History;
import io.countersign.engine.store.Listing;
import io.countersign.engine.store.OutboxEntry;
import io.countersign.engine.store.Page;
import io.countersign.engine.store.Store;
import io.countersign.engine.verify.Verdict;
import io.countersign.engine.workflow.Act;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Workflow;
import io.countersign.lang.source.SourceFile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What verifying a grant's record costs the access check, apart from any database: a signed request
 * with two signed approvals on a sealed in-memory store. {@code accessCheck} is the whole answer (the
 * in-memory "query", the record read and verified), {@code verify} the check of the record alone,
 * {@code decide} policy's decision of the same request as the baseline.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.openjdk.jmh.Main VerifyBenchmark -f 1 -wi 3 -i 5</pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class VerifyBenchmark {

    static final String POLICY = """
            policy vault {
              scope profile matches "vault-*"
              default require approval from 2 of group "leads"
                cap duration 4h
            }
            """;

    @State(Scope.Benchmark)
    public static class Grant {
        Workflow workflow;
        Authorizer authorizer;
        History history;
        AccessRequest probe;

        @Setup
        public void setUp() throws Exception {
            SigningKey frank = SigningKey.generate();
            SigningKey alice = SigningKey.generate();
            SigningKey bob = SigningKey.generate();
            PublicKeys keys = PublicKeys.of(Map.of("frank", List.of(frank.publicKey()), "alice",
                    List.of(alice.publicKey()), "bob", List.of(bob.publicKey())));
            Directory directory = id -> Optional.of(new Directory.User(id,
                    id.equals("frank") ? List.of("engineering") : List.of("leads"), Map.of()));
            byte[] sealKey = new byte[32];
            new java.security.SecureRandom().nextBytes(sealKey);
            Store store = SealedStore.over(new MemoryStore(), SealKeys.of("k", Map.of("k", sealKey)));
            authorizer = Authorizer.of(PolicySet.of(List.of(new SourceFile("vault.policy", POLICY))));
            workflow = new Workflow(authorizer, store, directory, keys, Clock.systemUTC());
            AccessRequest ask = new AccessRequest(UUID.randomUUID().toString(), "frank", null, null, "vault-db",
                    List.of(), Duration.ofHours(2), null, "Rotate the root token", "CHG-1", Map.of(), null);
            StoredRequest r = workflow.submit(ask, frank.sign(workflow.submission(ask, Instant.now())));
            for (Map.Entry<String, SigningKey> k : List.of(Map.entry("alice", alice), Map.entry("bob", bob))) {
                Terms terms = Terms.because("ok");
                workflow.approve(r.id(), k.getKey(), terms, k.getValue().sign(workflow.statement(workflow.get(r.id()),
                        k.getKey(), Act.approve(terms), Instant.now())));
            }
            history = workflow.show(r.id());
            probe = directory.complete(new AccessRequest(null, "frank", List.of(), Map.of(), "vault-db", List.of(),
                    Workflow.ACCESS_CHECK_DURATION, null, null, null, Map.of(), null));
            if (!workflow.checkAccess(AccessQuestion.of("frank", "vault-db")).allowed()
                    || !workflow.verify(history).intact()) {
                throw new IllegalStateException("the grant must verify and allow");
            }
        }
    }

    @Benchmark
    public AccessAnswer accessCheck(Grant g) {
        return g.workflow.checkAccess(AccessQuestion.of("frank", "vault-db"));
    }

    @Benchmark
    public Verdict verify(Grant g) {
        return g.workflow.verify(g.history);
    }

    @Benchmark
    public Evaluation decide(Grant g) {
        return g.authorizer.decide(g.probe);
    }

    /** Just enough of a store for one request, in memory. */
    static final class MemoryStore implements Store {
        private final Map<String, History> requests = new ConcurrentHashMap<>();

        @Override
        public synchronized void create(Change c) {
            if (requests.putIfAbsent(c.request().id(), new History(c.request(), c.decisions(), c.events())) != null) {
                throw new ConflictException("exists");
            }
        }

        @Override
        public synchronized void transition(StoredRequest before, Change c) {
            History h = requests.get(before.id());
            if (h.request().version() != before.version()) {
                throw new ConflictException("changed");
            }
            List<io.countersign.engine.decision.ApprovalDecision> decisions = new ArrayList<>(h.decisions());
            decisions.addAll(c.decisions());
            List<io.countersign.engine.event.Event> events = new ArrayList<>(h.events());
            events.addAll(c.events());
            requests.put(before.id(), new History(c.request(), decisions, events));
        }

        @Override
        public Optional<StoredRequest> get(String id) {
            return Optional.ofNullable(requests.get(id)).map(History::request);
        }

        @Override
        public Optional<History> history(String id) {
            return Optional.ofNullable(requests.get(id));
        }

        @Override
        public Page<StoredRequest> list(Listing listing, String cursor, int limit) {
            return new Page<>(List.of(), null);
        }

        @Override
        public List<StoredRequest> open(String requester, String profile, Instant after) {
            List<StoredRequest> out = new ArrayList<>();
            requests.values().forEach(h -> {
                StoredRequest r = h.request();
                if (r.requester().equals(requester) && r.profile().equals(profile) && r.deadline() != null
                        && r.deadline().isAfter(after)) {
                    out.add(r);
                }
            });
            return out;
        }

        @Override
        public List<OutboxEntry> outbox(int limit) {
            return List.of();
        }

        @Override
        public List<OutboxEntry> deadLetters(int limit) {
            return List.of();
        }

        @Override
        public void delivery(OutboxEntry entry, boolean done, boolean dead) {
        }

        @Override
        public boolean retry(String eventId) {
            return false;
        }

        @Override
        public Page<String> requestIds(String cursor, int limit) {
            return new Page<>(List.copyOf(requests.keySet()), null);
        }

        @Override
        public Optional<io.countersign.engine.store.Archive> archive(String id) {
            return Optional.empty();
        }

        @Override
        public boolean restore(io.countersign.engine.store.Archive archive) {
            throw new UnsupportedOperationException("the benchmark's store holds one request");
        }

        @Override
        public void close() {
        }
    }
}
