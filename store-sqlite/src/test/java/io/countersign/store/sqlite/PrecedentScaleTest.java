package io.countersign.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.decision.DecisionKind;
import io.countersign.engine.model.Precedent;
import io.countersign.engine.precedent.PrecedentFinder;
import io.countersign.engine.precedent.PrecedentHistory;
import io.countersign.engine.precedent.PrecedentSettings;
import io.countersign.engine.store.Page;
import io.countersign.engine.store.Store;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Precedents on a generated history of 10,000 requests ({@link PrecedentHistory}) in a real SQLite file:
 * the right ones are found, and what is read does not grow with the store — one read of the profile's
 * settled requests bounded by the candidates setting and a history read per precedent, the same on 1,000
 * requests as on 10,000 (SQLite's plan for that read: {@link QueryPlanTest}, {@code SETTLED}). That a
 * profile whose newest requests are all pending, more of them than the candidates, still has its
 * precedents is the store contract's ({@code PrecedentContract}), on both stores.
 */
class PrecedentScaleTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    /** Counts what the finder asks of a store: calls by method, and the requests listings returned. */
    static final class Counting {
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final AtomicInteger listed = new AtomicInteger();

        Store over(Store inner) {
            return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
                    (proxy, m, args) -> {
                        calls.computeIfAbsent(m.getName(), k -> new AtomicInteger()).incrementAndGet();
                        try {
                            Object out = m.invoke(inner, args);
                            if (out instanceof Page<?> p) {
                                listed.addAndGet(p.items().size());
                            } else if (out instanceof List<?> l) {
                                listed.addAndGet(l.size());
                            }
                            return out;
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        Map<String, Integer> snapshot() {
            Map<String, Integer> out = new java.util.TreeMap<>();
            calls.forEach((k, v) -> out.put(k, v.get()));
            return out;
        }

        int calls(String method) {
            AtomicInteger n = calls.get(method);
            return n == null ? 0 : n.get();
        }
    }

    private static Counting found(int requests, List<Precedent> out) {
        try (SqliteStore store = SqliteStores.fresh()) {
            PrecedentHistory h = PrecedentHistory.of(requests, NOW);
            h.write(store);
            Counting c = new Counting();
            out.addAll(new PrecedentFinder(c.over(store), PrecedentSettings.DEFAULT).find(h.ask("new-1"), NOW));
            return c;
        }
    }

    @Test
    void theNewestOfTheMostSimilarAreFoundFromABoundedRead() {
        List<Precedent> big = new java.util.ArrayList<>();
        Counting atTenThousand = found(10_000, big);

        PrecedentHistory h = PrecedentHistory.of(10_000, NOW);
        assertEquals(h.planted().subList(0, PrecedentSettings.DEFAULT.limit()),
                big.stream().map(Precedent::requestId).toList(),
                "the target's own decided requests, newest first; not the 95-day-old one, not the pending one");
        for (Precedent p : big) {
            assertEquals("dec-" + p.requestId(), p.decisionId());
            int k = Integer.parseInt(p.requestId().substring("planted-".length()));
            assertEquals(k % 4 == 3 ? DecisionKind.DENIED : DecisionKind.APPROVED, p.decision(), p.toString());
        }

        assertEquals(1, atTenThousand.calls("settled"), "one read of the settled index");
        assertEquals(0, atTenThousand.calls("list"), "no listing");
        assertTrue(atTenThousand.listed.get() <= PrecedentSettings.DEFAULT.candidates(), "at most the candidates");
        assertEquals(PrecedentSettings.DEFAULT.limit(), atTenThousand.calls("history"), "one history per precedent");

        Counting atOneThousand = found(1_000, new java.util.ArrayList<>());
        assertEquals(atOneThousand.snapshot(), atTenThousand.snapshot(), "ten times the store, the same reads");
        assertEquals(atOneThousand.listed.get(), atTenThousand.listed.get());
    }
}
