package io.countersign.bench;

import io.countersign.engine.json.Json;
import io.countersign.engine.request.AccessRequest;
import io.countersign.lang.source.SourceFile;
import io.countersign.server.CountersignServer;
import io.countersign.server.auth.ApiTokens;
import io.countersign.server.config.ServerConfig;
import io.countersign.store.sqlite.SqliteStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server under load, on loopback with keep-alive: {@code POST /v1/decide} over 1,000 generated rules,
 * {@code POST /v1/access} on the embedded SQLite store, and a no-op endpoint on the same server behind
 * the same pipeline (authentication, request id, metrics, log) as the baseline, in one run. The load
 * comes from {@code wrk} with {@code --wrk} ({@link WrkClient}: one event-loop thread for all the
 * connections, so the generator leaves the cores to the server), else from {@link LoadClient}s (raw
 * keep-alive connections, one Java thread each). Either sends a request as soon as the last answer is
 * in. Server-side cost is the server's own latency timer per endpoint (sum ÷ count): the time between the
 * pipeline's first and last step, which leaves out Jetty's parsing and the answer's write. With wrk the
 * report adds the server process's CPU time per request, which leaves out nothing the server does.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.countersign.bench.ServerLoad [--quick] [--connections N]
 *     [--seconds S] [--wrk [--threads N] [--wrk-path PATH]] [--only /v1/decide|/v1/access|/bench/noop]</pre>
 *
 * {@code --only} drives one endpoint (for a profiler: JFR sees the server's work on it alone).
 */
public final class ServerLoad {

    static final String TOKEN = ApiTokens.PREFIX + "load-benchmark-token-000000000000000000000";
    static final int RULES = 1000;

    private ServerLoad() {
    }

    public static void main(String[] args) throws Exception {
        List<String> given = Arrays.asList(args);
        boolean quick = given.contains("--quick");
        int connections = Integer.parseInt(option(args, "--connections", "16"));
        int threads = Integer.parseInt(option(args, "--threads", "1"));
        String only = option(args, "--only", null);
        String wrk = given.contains("--wrk") ? option(args, "--wrk-path", "wrk") : null;
        Duration warm = Duration.ofSeconds(quick ? 3 : 8);
        Duration measure = Duration.ofSeconds(Long.parseLong(option(args, "--seconds", quick ? "5" : "15")));
        Path dir = Files.createTempDirectory("countersign-load");
        Path policies = Files.createDirectories(dir.resolve("policies"));
        for (SourceFile f : GeneratedPolicies.policies(RULES)) {
            Files.writeString(policies.resolve(f.path()), f.text());
        }
        List<AccessRequest> requests = GeneratedPolicies.requests(RULES, 1024, 42);
        List<byte[]> decide = new ArrayList<>();
        List<byte[]> access = new ArrayList<>();
        for (AccessRequest r : requests) {
            decide.add(Json.mapper().writeValueAsBytes(r));
            access.add(Json.mapper().writeValueAsBytes(Map.of("requester", r.requester(), "profile", r.profile())));
        }
        List<byte[]> noop = List.of(Json.mapper().writeValueAsBytes(requests.get(0)));
        if (wrk != null && !WrkClient.available(wrk)) {
            System.err.println("wrk is not installed (apt-get install wrk, or --wrk-path PATH); bench/server-load.sh installs it");
            System.exit(2);
        }
        Driver driver = wrk != null ? new WrkClient(wrk, threads, connections, dir, TOKEN)
                : (port, path, bodies, length) -> LoadClient.drive(port, path, TOKEN, bodies, connections, length);
        ServerConfig config = ServerConfig.forPolicies(policies).withPort(0).withReloadOnChange(false)
                .withDispatchInterval(Duration.ZERO)
                .withTokens(List.of(new ServerConfig.ApiToken("load", ApiTokens.sha256(TOKEN), List.of("decide", "access"), null)));
        try (SqliteStore store = SqliteStore.open(dir.resolve("countersign.db"));
                CountersignServer server = CountersignServer.builder(config).store(store)
                        .log(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8))
                        .routes(r -> r.post("/bench/noop", ctx -> {
                            // The pipeline's work without the engine's: who calls, the body read, a small answer.
                            if (ctx.header("Authorization") == null) {
                                ctx.status(401);
                            }
                            ctx.bodyAsBytes();
                            ctx.contentType("application/json").result("{\"apiVersion\":\"v1\"}");
                        })).start()) {
            int port = server.port();
            System.out.printf("server on 127.0.0.1:%d (pid %d), %d rules, %s, %d connections, warm-up %ds, measured %ds%n", port,
                    ProcessHandle.current().pid(), RULES, wrk != null ? "wrk with " + threads + " thread(s)" : "Java load generator",
                    connections, warm.toSeconds(), measure.toSeconds());
            if (only != null) {
                // One endpoint for a profiler: warmed, then driven for the measured time, nothing else.
                List<byte[]> bodies = only.equals("/v1/decide") ? decide : only.equals("/v1/access") ? access : noop;
                driver.drive(port, only, bodies, warm);
                System.out.println(run(driver, only, only, bodies, port, measure));
                return;
            }
            // Every endpoint warmed before any is measured: the baseline is not measured on a cold JIT.
            driver.drive(port, "/bench/noop", noop, warm);
            driver.drive(port, "/v1/decide", decide, warm);
            driver.drive(port, "/v1/access", access, warm);
            List<Row> rows = new ArrayList<>();
            rows.add(run(driver, "no-op (baseline)", "/bench/noop", noop, port, measure));
            rows.add(run(driver, "POST /v1/decide", "/v1/decide", decide, port, measure));
            rows.add(run(driver, "POST /v1/access", "/v1/access", access, port, measure));
            Row base = rows.get(0);
            System.out.println();
            // CPU per request only with wrk: with the Java generator this process's CPU is the clients' too.
            System.out.println("| endpoint | requests/s | p50 (ms) | p99 (ms) | server-side mean (µs) | ÷ no-op |"
                    + (wrk != null ? " server CPU per request (µs) | ÷ no-op |" : ""));
            System.out.println("|---|---:|---:|---:|---:|---:|" + (wrk != null ? "---:|---:|" : ""));
            for (Row r : rows) {
                System.out.printf("| %s | %,.0f | %.2f | %.2f | %.1f | %.2f× |%s%n", r.name(), r.perSecond(), r.p50(), r.p99(),
                        r.serverMicros(), r.serverMicros() / base.serverMicros(), wrk == null ? ""
                                : String.format(" %.1f | %.2f× |", r.cpuMicros(), r.cpuMicros() / base.cpuMicros()));
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String option(String[] args, String name, String otherwise) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return otherwise;
    }

    /** What drives the load: {@link LoadClient} (Java threads) or {@link WrkClient}. */
    interface Driver {
        Run drive(int port, String path, List<byte[]> bodies, Duration length) throws IOException, InterruptedException;
    }

    /** The clients' view of a run. */
    record Run(long requests, long failures, double seconds, double p50, double p99) {
        double perSecond() {
            return requests / seconds;
        }
    }

    /** One endpoint's line: what the clients saw and what the server measured of itself. */
    record Row(String name, double perSecond, double p50, double p99, double serverMicros, double cpuMicros) {
    }

    private static Row run(Driver driver, String name, String path, List<byte[]> bodies, int port, Duration measure)
            throws Exception {
        driver.drive(port, path, bodies, Duration.ofSeconds(1));
        double[] before = serverSide(port, path);
        long cpuBefore = CPU.getProcessCpuTime();
        Run r = driver.drive(port, path, bodies, measure);
        long cpu = CPU.getProcessCpuTime() - cpuBefore;
        double[] after = serverSide(port, path);
        double micros = (after[0] - before[0]) / Math.max(1, after[1] - before[1]) * 1e6;
        if (r.failures() > 0) {
            System.out.printf("%s: %d answers were not 200%n", name, r.failures());
        }
        return new Row(name, r.perSecond(), r.p50(), r.p99(), micros, cpu / 1e3 / Math.max(1, r.requests()));
    }

    /** This process's CPU time: the server's alone when wrk (another process) drives the load. */
    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private static final Pattern LINE = Pattern.compile(
            "countersign_http_requests_seconds_(sum|count)\\{endpoint=\"([^\"]+)\",status=\"200\"\\} ([0-9.eE+-]+)");

    /** The server's own sum and count of the endpoint's latency, from its metrics. */
    private static double[] serverSide(int port, String path) throws IOException {
        double[] out = new double[2];
        Matcher m = LINE.matcher(LoadClient.get(port, "/metrics"));
        while (m.find()) {
            if (m.group(2).equals(path)) {
                out[m.group(1).equals("sum") ? 0 : 1] = Double.parseDouble(m.group(3));
            }
        }
        return out;
    }
}
