package io.countersign.server.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The server's meters in Prometheus form: decisions by endpoint and outcome, request latency per
 * endpoint (histograms), refusals by code, outbox depth and dead letters, policy reloads by result.
 */
public final class Metrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicLong outboxDepth = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    /** Meters by name and tags: looked up once, not built again on every request. */
    private final java.util.concurrent.ConcurrentHashMap<String, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.ConcurrentHashMap<Integer, Timer>> timers =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.ConcurrentHashMap<String, Counter>> decisions =
            new java.util.concurrent.ConcurrentHashMap<>();

    public Metrics(Supplier<Boolean> policiesCurrent) {
        Gauge.builder("countersign_outbox_depth", outboxDepth, AtomicLong::get)
                .description("events waiting for delivery").register(registry);
        Gauge.builder("countersign_outbox_dead_letters", deadLetters, AtomicLong::get)
                .description("events given up on").register(registry);
        Gauge.builder("countersign_policy_last_reload_ok", () -> policiesCurrent.get() ? 1 : 0)
                .description("1 when the latest reload applied, 0 when it was refused").register(registry);
    }

    public void decision(String endpoint, String outcome) {
        // Looked up by endpoint, then outcome: no key is built per decision.
        find(find(decisions, endpoint, e -> new java.util.concurrent.ConcurrentHashMap<>()),
                outcome, o -> Counter.builder("countersign_decisions").tag("endpoint", endpoint)
                        .tag("outcome", outcome).description("decisions served").register(registry)).increment();
    }

    public void refusal(String code) {
        counters.computeIfAbsent("r " + code, k -> Counter.builder("countersign_refusals").tag("code", code)
                .description("problems answered, by code").register(registry)).increment();
    }

    public void reload(boolean applied) {
        String result = applied ? "applied" : "refused";
        counters.computeIfAbsent("p " + result, k -> Counter.builder("countersign_policy_reloads").tag("result", result)
                .description("policy reloads").register(registry)).increment();
    }

    public void latency(String endpoint, int status, long nanos) {
        find(find(timers, endpoint, e -> new java.util.concurrent.ConcurrentHashMap<>()), status, k -> Timer.builder("countersign_http_requests")
                .tag("endpoint", endpoint).tag("status", Integer.toString(status))
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(10)).description("HTTP requests by endpoint")
                .register(registry)).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** A map's value, made on first use: a plain read when present (no bin lock, no key built). */
    private static <K, V> V find(java.util.concurrent.ConcurrentHashMap<K, V> map, K key,
            java.util.function.Function<K, V> make) {
        V v = map.get(key);
        return v != null ? v : map.computeIfAbsent(key, make);
    }

    public void outbox(long depth, long dead) {
        outboxDepth.set(depth);
        deadLetters.set(dead);
    }

    /** The text exposition format. */
    public String scrape() {
        return registry.scrape();
    }
}
