package io.countersign.cli.policy;

import io.countersign.cli.Main;
import io.countersign.lang.Frontend;
import io.countersign.lang.source.SourceFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code countersign policy check PATH...}. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Parse and check policy files: syntax, names, types, windows, zones, regexes, quorums and the",
            "clauses each outcome may carry. Every error in the set is reported in one run, as",
            "FILE:LINE:COLUMN: error: MESSAGE with the source line and a caret under the offending text.",
            "A directory is a policy set: every *.policy file below it, searched recursively."},
        footer = {"",
            "Example:",
            "  $ countersign policy check policies/",
            "  policies/prod.policy:7:10: error: unknown attribute 'user': a path starts with requester, ...",
            "      7 |     when user.name == \"x\"",
            "        |          ^^^^^^^^^",
            "  1 file, 1 error",
            "",
            "Exit codes: 0 no errors (warnings are printed but pass), 2 any error or unreadable file."})
public final class PolicyCheck implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Policy files or directories.")
    List<Path> paths;

    @CommandLine.Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json, sarif (2.1.0) or github (workflow annotations).")
    io.countersign.analysis.report.Format format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Optional<List<SourceFile>> sources = PolicyFiles.read(paths, spec.commandLine().getErr());
        if (sources.isEmpty()) {
            return Main.EXIT_BAD_INPUT;
        }
        Frontend.Result result = Frontend.compile(sources.get());
        if (format != io.countersign.analysis.report.Format.text) {
            spec.commandLine().getOut().print(CheckFindings.write(format, result));
            spec.commandLine().getOut().flush();
            return result.hasErrors() ? Main.EXIT_BAD_INPUT : 0;
        }
        spec.commandLine().getErr().print(result.render());
        spec.commandLine().getErr().flush();
        long policies = result.files().stream().mapToLong(f -> f.policies().size()).sum();
        long rules = result.files().stream().flatMap(f -> f.policies().stream()).mapToLong(p -> p.rules().size()).sum();
        spec.commandLine().getOut().println(count(sources.get().size(), "file") + ", " + count(policies, "policy")
                + ", " + count(rules, "rule") + ": " + count(result.errorCount(), "error") + ", "
                + count(result.warningCount(), "warning"));
        return result.hasErrors() ? Main.EXIT_BAD_INPUT : 0;
    }

    static String count(long n, String noun) {
        String plural = noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
        return n + " " + (n == 1 ? noun : plural);
    }
}
