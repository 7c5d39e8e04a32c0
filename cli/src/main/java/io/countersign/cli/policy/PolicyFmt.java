package io.countersign.cli.policy;

import io.countersign.cli.Main;
import io.countersign.cli.text.UnifiedDiff;
import io.countersign.lang.diag.DiagnosticPrinter;
import io.countersign.lang.format.Formatter;
import io.countersign.lang.parse.Parser;
import io.countersign.lang.source.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code countersign policy fmt [--check] [--diff] PATH...}. */
@Command(name = "fmt",
        mixinStandardHelpOptions = true,
        description = {
            "Rewrite policy files in the canonical layout, in place. Formatting never changes meaning and",
            "keeps comments where they were; formatting a formatted file changes nothing.",
            "A file with errors (syntax or malformed literals) is not touched: its errors are printed",
            "and the exit code is 2."},
        footer = {"",
            "Examples:",
            "  countersign policy fmt policies/            # rewrite every file that is not formatted",
            "  countersign policy fmt --check policies/    # in CI: name the files that would change, exit 1",
            "  countersign policy fmt --diff prod.policy   # show what would change, touch nothing",
            "",
            "Exit codes: 0 done (or, with --check, all formatted), 1 with --check a file would change,",
            "2 a file cannot be parsed or read."})
public final class PolicyFmt implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Policy files or directories.")
    List<Path> paths;

    @Option(names = "--check", description = "Change nothing; list the files that are not formatted and exit 1 if any.")
    boolean check;

    @Option(names = "--diff", description = "Change nothing; print a unified diff of what formatting would change.")
    boolean diff;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<List<SourceFile>> sources = PolicyFiles.read(paths, err);
        if (sources.isEmpty()) {
            return Main.EXIT_BAD_INPUT;
        }
        boolean broken = false;
        int unformatted = 0;
        for (SourceFile source : sources.get()) {
            Parser.Result parsed = Parser.parse(source);
            // A malformed literal parses to a placeholder; formatting would write the placeholder over
            // what the author wrote. Any error leaves the file alone.
            if (parsed.file().isEmpty() || parsed.hasErrors()) {
                DiagnosticPrinter printer = new DiagnosticPrinter(Map.of(source.path(), source));
                parsed.diagnostics().forEach(d -> err.print(printer.print(d)));
                broken = true;
                continue;
            }
            String formatted = Formatter.format(parsed.file().get(), source.text());
            if (formatted.equals(source.text())) {
                continue;
            }
            unformatted++;
            if (diff) {
                out.print(UnifiedDiff.of(source.path(), source.text(), formatted));
            }
            if (check) {
                if (!diff) {
                    out.println(source.path());
                }
            } else if (!diff) {
                try {
                    write(Path.of(source.path()), formatted);
                    out.println("formatted " + source.path());
                } catch (IOException e) {
                    err.println("countersign: cannot write " + source.path() + ": " + e.getMessage());
                    broken = true;
                }
            }
        }
        err.flush();
        if (broken) {
            return Main.EXIT_BAD_INPUT;
        }
        return check && unformatted > 0 ? 1 : 0;
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
