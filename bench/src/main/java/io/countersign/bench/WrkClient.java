package io.countersign.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load from {@code wrk} (an event loop in C): one or two threads drive all the connections, so the
 * generator takes far less of the cores than one Java thread per connection. A Lua script posts the
 * bodies in turn and prints the run's counts and latency percentiles on one line this class reads.
 */
final class WrkClient implements ServerLoad.Driver {

    private final String wrk;
    private final int threads;
    private final int connections;
    private final Path dir;
    private final String token;

    WrkClient(String wrk, int threads, int connections, Path dir, String token) {
        this.wrk = wrk;
        this.threads = threads;
        this.connections = connections;
        this.dir = dir;
        this.token = token;
    }

    /** Whether {@code wrk} answers (installed and runnable). */
    static boolean available(String wrk) {
        try {
            Process p = new ProcessBuilder(wrk, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public ServerLoad.Run drive(int port, String path, List<byte[]> bodies, Duration length) throws IOException, InterruptedException {
        Path script = script(path, bodies);
        List<String> command = List.of(wrk, "-t" + threads, "-c" + connections, "-d" + Math.max(1, length.toSeconds()) + "s",
                "--latency", "--timeout", "10s", "-s", script.toString(), "http://127.0.0.1:" + port + path);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("wrk failed (exit " + p.exitValue() + "): " + out);
        }
        return parse(out);
    }

    private static final Pattern RESULT = Pattern.compile(
            "COUNTERSIGN requests=(\\d+) failures=(\\d+) micros=(\\d+) p50=([0-9.]+) p99=([0-9.]+)");

    /** The line the script's {@code done} prints: counts, the run's length and percentiles in µs. */
    static ServerLoad.Run parse(String output) throws IOException {
        Matcher m = RESULT.matcher(output);
        if (!m.find()) {
            throw new IOException("wrk printed no result line: " + output);
        }
        return new ServerLoad.Run(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)) / 1e6,
                Double.parseDouble(m.group(4)) / 1000, Double.parseDouble(m.group(5)) / 1000);
    }

    /**
     * A script that formats every request once (in each thread's {@code init}), then hands them out in
     * turn; answers that are not 2xx, and socket errors, count as failures.
     */
    private Path script(String path, List<byte[]> bodies) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("local bodies = {");
        for (byte[] b : bodies) {
            String json = new String(b, StandardCharsets.UTF_8);
            if (json.contains("]==]")) {
                throw new IllegalArgumentException("a body holds the Lua string's closing bracket");
            }
            lines.add("[==[" + json + "]==],");
        }
        lines.add("}");
        lines.add("local requests = {}");
        lines.add("local next = 0");
        lines.add("init = function(args)");
        lines.add("  local headers = { [\"Authorization\"] = \"Bearer " + token + "\", [\"Content-Type\"] = \"application/json\" }");
        lines.add("  for i, b in ipairs(bodies) do requests[i] = wrk.format(\"POST\", \"" + path + "\", headers, b) end");
        lines.add("  next = math.random(#requests) - 1");
        lines.add("end");
        lines.add("request = function()");
        lines.add("  next = next % #requests + 1");
        lines.add("  return requests[next]");
        lines.add("end");
        lines.add("done = function(summary, latency, requests)");
        lines.add("  local e = summary.errors");
        lines.add("  io.write(string.format(\"COUNTERSIGN requests=%d failures=%d micros=%d p50=%.1f p99=%.1f\\n\",");
        lines.add("    summary.requests, e.connect + e.read + e.write + e.status + e.timeout, summary.duration,");
        lines.add("    latency:percentile(50), latency:percentile(99)))");
        lines.add("end");
        Path file = dir.resolve("post-" + path.replaceAll("[^A-Za-z0-9]", "_") + ".lua");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }
}
