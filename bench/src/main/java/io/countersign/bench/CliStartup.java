package io.countersign.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The start-up target, {@code countersign show ID} within 1.5× of {@code countersign --version},
 * measured side by side: whole processes through the launcher, as a user runs them, taking turns
 * ({@code --version}, {@code show} of the README walk-through's signed and revoked request, {@code show}
 * of an id the store does not hold), so that a drifting machine slows each alike. Each ratio is taken
 * round by round, and its median printed. The walk-through runs first in a fresh home and a copy of
 * {@code policies/} (the repository's own directory is not touched); a command that does not exit as the
 * walk-through says (a {@code show} that does not verify, say) stops the run, since timing a failure
 * measures nothing. Run from the repository root, after {@code mvn package}:
 *
 * <pre>java -cp bench/target/benchmarks.jar io.countersign.bench.CliStartup [ROUNDS] [LAUNCHER]</pre>
 *
 * ROUNDS defaults to 16 (after 2 not counted), LAUNCHER to {@code ./countersign}.
 */
public final class CliStartup {

    private static final String UNKNOWN = "00000000-0000-4000-8000-000000000000";

    private CliStartup() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        Path launcher = Path.of(args.length > 1 ? args[1] : "countersign").toAbsolutePath();
        Path policies = Path.of("policies").toAbsolutePath();
        if (!Files.isExecutable(launcher) || !Files.isDirectory(policies)) {
            System.err.println("run from the repository root: " + launcher + " and " + policies + " are needed");
            System.exit(2);
        }
        Path work = Files.createTempDirectory("countersign-startup");
        try {
            copy(policies, work.resolve("policies"));
            Shell shell = new Shell(launcher, work);
            String id = walkThrough(shell);
            Map<String, List<String>> commands = new LinkedHashMap<>();
            commands.put("--version", List.of("--version"));
            commands.put("show ID", List.of("show", id));
            commands.put("show UNKNOWN", List.of("show", UNKNOWN));
            Map<String, Integer> exits = Map.of("--version", 0, "show ID", 0, "show UNKNOWN", 2);
            Map<String, List<Double>> seconds = new LinkedHashMap<>();
            commands.keySet().forEach(k -> seconds.put(k, new ArrayList<>()));
            for (int r = -2; r < rounds; r++) {
                for (Map.Entry<String, List<String>> c : commands.entrySet()) {
                    double s = shell.timed(c.getValue(), exits.get(c.getKey()));
                    if (r >= 0) {
                        seconds.get(c.getKey()).add(s);
                    }
                }
            }
            report(seconds, rounds);
        } finally {
            delete(work);
        }
    }

    /** The README walk-through's signed request, approved by two and revoked: its id. */
    private static String walkThrough(Shell shell) throws IOException, InterruptedException {
        for (String user : List.of("ivan", "alice", "bob")) {
            shell.run(0, "keys", "init", "--as", user);
        }
        String id = shell.run(0, "request", "--as", "ivan", "--profile", "prod-admin", "--duration", "2h",
                "--ticket", "CHG-1", "--justification", "Rotate the database credentials", "--context", "mfa=true",
                "--quiet").strip();
        shell.run(0, "approve", id, "--as", "alice", "--reason", "On the change calendar");
        shell.run(0, "approve", id, "--as", "bob", "--reason", "Agreed");
        shell.run(0, "revoke", id, "--as", "alice", "--reason", "Rotation done");
        shell.run(0, "show", id);
        return id;
    }

    private static void report(Map<String, List<Double>> seconds, int rounds) {
        System.out.printf(Locale.ROOT, "%d rounds, wall seconds (min / median / max):%n", rounds);
        seconds.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-13s %.3f / %.3f / %.3f%n", k,
                Collections.min(v), median(v), Collections.max(v)));
        List<Double> version = seconds.get("--version");
        for (String k : List.of("show ID", "show UNKNOWN")) {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < version.size(); i++) {
                ratios.add(seconds.get(k).get(i) / version.get(i));
            }
            System.out.printf(Locale.ROOT, "%s ÷ --version: %.2f× (median of the rounds' ratios; target ≤ 1.5×)%n",
                    k, median(ratios));
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Runs the launcher in the work directory (its {@code policies/}), on the home beside it. */
    private record Shell(Path launcher, Path work) {

        private ProcessBuilder builder(List<String> args) {
            List<String> line = new ArrayList<>();
            line.add(launcher.toString());
            line.addAll(args);
            ProcessBuilder b = new ProcessBuilder(line).directory(work.toFile());
            b.environment().put("COUNTERSIGN_HOME", work.resolve("home").toString());
            List.of("COUNTERSIGN_POLICIES", "COUNTERSIGN_SERVER", "COUNTERSIGN_REGION", "COUNTERSIGN_DYNAMODB_ENDPOINT",
                    "COUNTERSIGN_USER").forEach(b.environment()::remove);
            return b;
        }

        /** The command's standard output, once it exited with {@code exit}. */
        String run(int exit, String... args) throws IOException, InterruptedException {
            Path out = Files.createTempFile(work, "out", ".txt");
            Path err = Files.createTempFile(work, "err", ".txt");
            Process p = builder(List.of(args)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            int code = p.waitFor();
            if (code != exit) {
                throw new IllegalStateException("countersign " + String.join(" ", args) + " exited " + code
                        + ", not " + exit + ":\n" + Files.readString(err, StandardCharsets.UTF_8));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        /** Wall seconds from start to exit, output thrown away; the exit must be {@code exit}. */
        double timed(List<String> args, int exit) throws IOException, InterruptedException {
            ProcessBuilder b = builder(args).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            long t0 = System.nanoTime();
            int code = b.start().waitFor();
            double s = (System.nanoTime() - t0) / 1e9;
            if (code != exit) {
                throw new IllegalStateException("countersign " + String.join(" ", args) + " exited " + code
                        + ", not " + exit);
            }
            return s;
        }
    }

    /** {@code from} copied to {@code to}, without {@code keys/} (the walk-through adds its own) or a build's {@code target/}. */
    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path rel = from.relativize(p);
                if (rel.startsWith("keys") || rel.startsWith("target")) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
