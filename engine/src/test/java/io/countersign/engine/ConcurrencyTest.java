package io.countersign.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.decide.Outcome;
import io.countersign.engine.json.Json;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.request.AccessRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One Drools authorizer serves many threads at once: eight threads deciding the same 2,000 requests,
 * each in its own order, give byte for byte the evaluation one thread gives. The concurrent
 * authorizer starts cold, so the threads race through the knowledge base's lazy set-up (session
 * creation, MVEL constraints compiled and then jitted after their twentieth use) as a gateway does
 * just after it starts.
 */
class ConcurrencyTest {

    static final int REQUESTS = 2_000;
    static final int THREADS = 8;
    static final int ROUNDS = 3;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void eightThreadsDecideAsOneThreadDoes() throws Exception {
        PolicySet set = PolicySet.load(List.of(policies()));
        ObjectMapper json = Json.mapper();
        List<AccessRequest> requests = requests(new Random(2026));

        // One thread, on an authorizer of its own: the expected evaluations.
        Authorizer single = Authorizer.of(set);
        Authorizer reference = Authorizer.reference(set);
        String[] expected = new String[requests.size()];
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        for (int i = 0; i < requests.size(); i++) {
            Evaluation e = single.decide(requests.get(i));
            expected[i] = json.writeValueAsString(e);
            assertEquals(json.writeValueAsString(reference.decide(requests.get(i))), expected[i],
                    "Drools and the reference disagree on " + json.writeValueAsString(requests.get(i)));
            outcomes.merge(e.outcome(), 1, Integer::sum);
        }
        // The requests are varied enough to reach every outcome.
        assertEquals(Set.of(Outcome.values()), outcomes.keySet(), "outcomes reached: " + outcomes);

        // Eight threads at once on one cold authorizer, each in its own order, a few rounds.
        Authorizer shared = Authorizer.of(set);
        ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                CyclicBarrier start = new CyclicBarrier(THREADS);
                List<Future<Integer>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    long seed = 31L * round + t;
                    done.add(pool.submit(() -> decideAll(shared, requests, expected, new Random(seed), start,
                            mismatches)));
                }
                int decided = 0;
                for (Future<Integer> f : done) {
                    decided += f.get(150, TimeUnit.SECONDS);
                }
                assertEquals(THREADS * REQUESTS, decided);
                assertTrue(mismatches.isEmpty(), "round " + round + ": " + mismatches.size()
                        + " evaluations differ from the single-threaded ones, e.g.\n" + mismatches.peek());
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "the deciding threads did not stop");
        }
    }

    /** Decides every request in a random order, recording each evaluation that is not the expected one. */
    private static int decideAll(Authorizer authorizer, List<AccessRequest> requests, String[] expected,
            Random random, CyclicBarrier start, ConcurrentLinkedQueue<String> mismatches) throws Exception {
        ObjectMapper json = Json.mapper();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        start.await(60, TimeUnit.SECONDS);
        int decided = 0;
        for (int i : order) {
            String actual;
            try {
                actual = json.writeValueAsString(authorizer.decide(requests.get(i)));
            } catch (RuntimeException e) {
                actual = "threw " + e;
            }
            if (!actual.equals(expected[i])) {
                mismatches.add("request " + json.writeValueAsString(requests.get(i)) + "\n  expected " + expected[i]
                        + "\n  actual   " + actual);
            }
            decided++;
        }
        return decided;
    }

    /** The repository's example policy set, the realistic one. */
    private static Path policies() {
        for (Path p : List.of(Path.of("..", "policies"), Path.of("policies"))) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("the policies directory is not found from " + Path.of("").toAbsolutePath());
    }

    // ---- requests in the policies' vocabulary

    static final String[] PROFILES = {"prod-readonly", "prod-data", "prod-deploy", "prod-admin", "db-prod-replica",
        "db-prod-primary", "db-prod-billing", "db-staging-main", "db-dev-scratch", "breakglass-prod", "dev-sandbox"};
    static final String[] GROUPS = {"oncall", "engineering", "sre-leads", "dba", "incident-commanders",
        "release-managers", "security-oncall"};
    static final String[] USERS = {"alice", "bob", "carol", "dave", "erin", "frank", "grace"};
    static final String[] PERMISSIONS = {"read", "list", "select", "insert", "update", "delete", "export", "explain",
        "ddl", "truncate", "deploy", "migrate"};

    static List<AccessRequest> requests(Random random) throws Exception {
        ObjectMapper json = Json.mapper();
        List<AccessRequest> out = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            String requester = pick(random, USERS);
            r.put("requester", requester);
            r.put("groups", subset(random, GROUPS, 3));
            Map<String, Object> attributes = new LinkedHashMap<>();
            maybe(random, attributes, "employment", 0.9, pick(random, "employee", "employee", "contractor"));
            maybe(random, attributes, "office", 0.8, pick(random, "berlin", "san-francisco", "remote"));
            maybe(random, attributes, "department", 0.7, pick(random, "platform", "payments", "marketing"));
            maybe(random, attributes, "manager", 0.8, pick(random, USERS));
            r.put("attributes", attributes);
            r.put("profile", pick(random, PROFILES));
            r.put("permissions", subset(random, PERMISSIONS, 4));
            r.put("duration", (15 + random.nextInt(12 * 60)) + "m");
            if (random.nextDouble() < 0.6) {
                r.put("ticket", "INC-" + random.nextInt(10_000));
            }
            if (random.nextDouble() < 0.5) {
                r.put("justification", "investigating INC-" + random.nextInt(10_000));
            }
            Map<String, Object> context = new LinkedHashMap<>();
            maybe(random, context, "mfa", 0.8, random.nextDouble() < 0.8);
            maybe(random, context, "device", 0.5, pick(random, "managed", "byod"));
            maybe(random, context, "incident", 0.3, "INC-" + random.nextInt(100));
            r.put("context", context);
            Instant at = random.nextDouble() < 0.15
                    ? Instant.parse("2026-12-17T12:00:00Z").plusSeconds(random.nextInt(25 * 86_400))
                    : Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(365 * 86_400));
            r.put("at", OffsetDateTime.ofInstant(at, ZoneOffset.ofHours(pick(random, 0, 1, -8))).toString());
            out.add(json.readValue(json.writeValueAsString(r), AccessRequest.class));
        }
        return out;
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... options) {
        return options[random.nextInt(options.length)];
    }

    private static List<String> subset(Random random, String[] words, int max) {
        Set<String> out = new LinkedHashSet<>();
        int n = random.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            out.add(pick(random, words));
        }
        return List.copyOf(out);
    }

    private static void maybe(Random random, Map<String, Object> m, String key, double p, Object value) {
        if (random.nextDouble() < p) {
            m.put(key, value);
        }
    }
}
