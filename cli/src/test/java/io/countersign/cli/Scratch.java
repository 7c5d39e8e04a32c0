package io.countersign.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * A directory as the documentation's examples assume it, the repository root's stand-in: a copy of the
 * repository's {@code policies/} and a home of its own ({@code home/}). Commands run in-process as if
 * from there: paths they name resolve in it, and the home and the policy set are its own when the
 * command takes them and the example leaves them to their defaults. The environment is empty, so nothing
 * of the machine that runs the tests (COUNTERSIGN_HOME, COUNTERSIGN_USER, ...) changes what they print.
 */
record Scratch(Path root) {

    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");

    /** {@code root} with a copy of the repository's policies in it. */
    static Scratch in(Path root) throws IOException {
        copy(REPOSITORY.resolve("policies"), root.resolve("policies"));
        return new Scratch(root);
    }

    Path home() {
        return root.resolve("home");
    }

    /** Runs {@code words} (the command's arguments, without its name), with {@code stdin} when not null. */
    Run run(List<String> words, String stdin) {
        return run(words, stdin, Map.of());
    }

    /** Runs {@code words} in {@code environment} (the test's, never the process's). */
    Run run(List<String> words, String stdin, Map<String, String> environment) {
        List<String> args = new ArrayList<>();
        boolean namesAPath = false;
        for (String w : words) {
            boolean path = !w.isEmpty() && !w.startsWith("-") && Files.exists(root.resolve(w));
            namesAPath |= path;
            args.add(path ? root.resolve(w).toString() : w);
        }
        CommandLine command = Main.commandLine(name -> null);
        for (String w : words) {
            CommandLine sub = command.getSubcommands().get(w);
            if (sub == null) {
                break;
            }
            command = sub;
        }
        if (command.getCommandSpec().findOption("--home") != null && !words.contains("--home")) {
            args.add("--home=" + home());
        }
        if (command.getCommandSpec().findOption("--policies") != null && !words.contains("--policies") && !namesAPath) {
            args.add("--policies=" + root.resolve("policies"));
        }
        InputStream in = System.in;
        try {
            if (stdin != null) {
                System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            }
            long t0 = System.nanoTime();
            Run run = Run.in(environment, args.toArray(String[]::new));
            System.out.printf("%5d ms  countersign %s -> %d%n", (System.nanoTime() - t0) / 1_000_000,
                    String.join(" ", words), run.exit());
            return run;
        } finally {
            System.setIn(in);
        }
    }

    /** What a command printed, with this directory's paths relative, ids {@code <id>} and instants {@code <instant>}. */
    String normalise(String text) {
        String out = text.replace(root.toString() + "/", "");
        out = ID.matcher(out).replaceAll("<id>");
        return INSTANT.matcher(out).replaceAll("<instant>");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(p -> !from.relativize(p).startsWith("target")).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
