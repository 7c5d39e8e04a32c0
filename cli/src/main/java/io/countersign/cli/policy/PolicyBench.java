package io.countersign.cli.policy;

import io.countersign.cli.text.JsonLine;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.Countersign;
import io.countersign.engine.policy.PolicyDirectory;
import io.countersign.engine.json.Json;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.request.InvalidRequestException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code countersign policy bench --policies DIR --requests FILE [--seconds N]}. */
@Command(name = "bench",
        header = "Measure decisions per second and latency over a set of requests.",
        mixinStandardHelpOptions = true,
        description = {
            "Decide the requests (a JSON array, or JSON lines) over and over after a warm-up, and report",
            "decisions per second and latency percentiles, as opa bench does for Rego. Run the jar with",
            "the full JIT (the launcher's default C1-only flags are for short commands):",
            "COUNTERSIGN_JAVA_OPTS=\"\" ./countersign policy bench ..."},
        footer = {"",
            "Example:",
            "  $ COUNTERSIGN_JAVA_OPTS=\"\" countersign policy bench --policies policies --requests requests.json",
            "  decisions     2000000",
            "  per second     812345",
            "  p50 (µs)          1.1",
            "  p90 (µs)          1.6",
            "  p99 (µs)          4.2",
            "",
            "Exit codes: 0 measured, 2 invalid policies or requests."})
public final class PolicyBench implements Callable<Integer> {

    @Option(names = "--requests", paramLabel = "FILE", required = true,
            description = "Requests: a JSON array or one JSON object per line; - reads standard input.")
    String requests;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "5",
            description = "How long to measure, after a warm-up of the same length up to 5 s (default ${DEFAULT-VALUE}).")
    double seconds;

    @CommandLine.Mixin
    PolicyDir policies;

    @CommandLine.Mixin
    Output output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = output.out();
        PrintWriter err = output.err();
        if (!(seconds > 0) || seconds > 3600) {
            err.println("countersign: --seconds must be between 0 and 3600");
            return 2;
        }
        LoadedPolicies loaded = LoadedPolicies.of(policies.path(), err);
        if (loaded == null) {
            return 2;
        }
        List<AccessRequest> list = read(err);
        if (list == null) {
            return 2;
        }
        // Requests carry their own groups, as test cases do: the directory beside the policies is not read.
        try (Countersign engine = Countersign.builder().policies(PolicyDirectory.of(loaded.set())).build()) {
            return measure(engine, list, out, err);
        }
    }

    private int measure(Countersign engine, List<AccessRequest> list, PrintWriter out, PrintWriter err)
            throws Exception {
        try {
            for (AccessRequest r : list) {
                engine.decide(r);
            }
        } catch (InvalidRequestException e) {
            err.println("countersign: invalid request: " + e.getMessage());
            return 2;
        }
        loop(engine, list, (long) (Math.min(seconds, 5) * 1e9), null);
        long[] samples = new long[1 << 22];
        int n = loop(engine, list, (long) (seconds * 1e9), samples);
        int kept = Math.min(n, samples.length);
        long[] sorted = Arrays.copyOf(samples, kept);
        Arrays.sort(sorted);
        long total = 0;
        for (int i = 0; i < kept; i++) {
            total += sorted[i];
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("decisions", n);
        result.put("decisionsPerSecond", Math.round(kept / (total / 1e9)));
        result.put("p50Micros", micros(sorted, 0.50));
        result.put("p90Micros", micros(sorted, 0.90));
        result.put("p99Micros", micros(sorted, 0.99));
        if (output.json()) {
            out.println(JsonLine.of(result));
        } else {
            out.printf("decisions   %10d%n", n);
            out.printf("per second  %10d%n", (long) result.get("decisionsPerSecond"));
            out.printf("p50 (µs)    %10.2f%n", (double) result.get("p50Micros"));
            out.printf("p90 (µs)    %10.2f%n", (double) result.get("p90Micros"));
            out.printf("p99 (µs)    %10.2f%n", (double) result.get("p99Micros"));
        }
        return 0;
    }

    /** Decides round-robin for {@code nanos}; records each latency when {@code samples} is given. */
    private static int loop(Countersign a, List<AccessRequest> list, long nanos, long[] samples) {
        long end = System.nanoTime() + nanos;
        int n = 0;
        while (true) {
            AccessRequest r = list.get(n % list.size());
            long t0 = System.nanoTime();
            a.decide(r);
            long t1 = System.nanoTime();
            if (samples != null && n < samples.length) {
                samples[n] = t1 - t0;
            }
            n++;
            if (t1 >= end) {
                return n;
            }
        }
    }

    private static double micros(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        long v = sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
        return Math.round(v / 10.0) / 100.0;
    }

    private List<AccessRequest> read(PrintWriter err) {
        try {
            String text = PolicyExplain.Requests.text(requests).strip();
            List<AccessRequest> list = new ArrayList<>();
            if (text.startsWith("[")) {
                JsonNode array = Json.mapper().readTree(text);
                for (JsonNode n : array) {
                    list.add(Json.mapper().treeToValue(n, AccessRequest.class));
                }
            } else {
                for (String line : text.split("\\R")) {
                    if (!line.isBlank()) {
                        list.add(Json.mapper().readValue(line, AccessRequest.class));
                    }
                }
            }
            if (list.isEmpty()) {
                err.println("countersign: " + requests + ": no requests");
                return null;
            }
            return list;
        } catch (JsonProcessingException e) {
            err.println("countersign: invalid request: " + Json.describeAt(PolicyExplain.Requests.name(requests), e));
        } catch (IOException e) {
            err.println("countersign: " + e.getMessage());
        }
        return null;
    }
}
