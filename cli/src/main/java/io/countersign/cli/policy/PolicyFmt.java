package io.countersign.cli.policy;

import io.countersign.cli.Main;
import io.countersign.cli.text.UnifiedDiff;
import io.countersign.cli.text.JsonLine;
import io.countersign.lang.Frontend;
import io.countersign.lang.format.Formatter;
import io.countersign.lang.parse.Parser;
import io.countersign.lang.source.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code countersign policy fmt [--check] [--diff] PATH...}. */
@Command(name = "fmt",
        mixinStandardHelpOptions = true,
        header = "Rewrite policy files in the canonical layout, or check that they are.",
        description = {"Rewrite policy files in the canonical layout, in place. Formatting never changes meaning "
                + "and keeps comments where they were; formatting a formatted file changes nothing. A file with "
                + "errors (syntax or malformed literals) is not touched: its errors are printed (the first 20) and "
                + "the exit code is 2; the other files are still formatted."},
        footer = {"",
            "Examples:",
            "  countersign policy fmt --check policies/    # in CI: name the files that would change, exit 1",
            "  countersign policy fmt --diff policies/prod.policy     # show what would change, touch nothing",
            "  $ countersign policy fmt --check --output json         # exit 1",
            "  {\"broken\":[],\"files\":6,\"formatted\":[],\"unformatted\":[\"policies/prod.policy\"]}",
            "  countersign policy fmt policies/            # rewrite every file that is not formatted",
            "",
            "Exit codes: 0 done (or, with --check, all formatted), 1 with --check a file would change,",
            "2 a file cannot be parsed or read."})
public final class PolicyFmt implements Callable<Integer> {

    @Option(names = "--check", description = "Change nothing; list the files that are not formatted and exit 1 if any.")
    boolean check;

    @Option(names = "--diff", description = "Change nothing; print a unified diff of what formatting would change.")
    boolean diff;

    @CommandLine.Mixin
    PolicyPaths paths;

    @CommandLine.Mixin
    Output output;

    @Override
    public Integer call() {
        PrintWriter out = output.out();
        PrintWriter err = output.err();
        Optional<PolicyFiles.Read> read = PolicyFiles.read(paths.paths(), err);
        if (read.isEmpty()) {
            return Main.EXIT_BAD_INPUT;
        }
        List<String> broken = new ArrayList<>();
        List<String> unformatted = new ArrayList<>();
        List<String> formattedNow = new ArrayList<>();
        for (String problem : read.get().unreadable()) {
            err.println("countersign: " + problem);
            broken.add(problem.substring(0, Math.max(0, problem.indexOf(": "))));
        }
        for (SourceFile source : read.get().sources()) {
            Parser.Result parsed = Parser.parse(source);
            // A malformed literal parses to a placeholder; formatting would write the placeholder over
            // what the author wrote. Any error leaves the file alone.
            if (parsed.file().isEmpty() || parsed.hasErrors()) {
                if (!output.json()) {
                    err.print(new Frontend.Result(List.of(source), List.of(), parsed.diagnostics()).render());
                }
                broken.add(source.path());
                continue;
            }
            String formatted = Formatter.format(parsed.file().get(), source.text());
            if (formatted.equals(source.text())) {
                continue;
            }
            unformatted.add(source.path());
            if (diff) {
                out.print(UnifiedDiff.of(source.path(), source.text(), formatted));
            }
            if (check) {
                if (!diff && !output.json()) {
                    out.println(source.path());
                }
            } else if (!diff) {
                try {
                    write(Path.of(source.path()), formatted);
                    formattedNow.add(source.path());
                    if (!output.json()) {
                        out.println("formatted " + source.path());
                    }
                } catch (IOException e) {
                    err.println("countersign: cannot write " + source.path() + ": " + e.getMessage());
                    broken.add(source.path());
                }
            }
        }
        if (output.json()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("files", read.get().files());
            o.put("unformatted", unformatted);
            o.put("formatted", formattedNow);
            o.put("broken", broken);
            out.println(JsonLine.of(o));
        }
        err.flush();
        if (!broken.isEmpty()) {
            return Main.EXIT_BAD_INPUT;
        }
        return check && !unformatted.isEmpty() ? 1 : 0;
    }

    /** Writes through a temporary file and a rename, so an interrupted run never leaves half a policy. */
    private static void write(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
