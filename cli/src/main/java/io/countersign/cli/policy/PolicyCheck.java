package io.countersign.cli.policy;

import io.countersign.cli.Main;
import io.countersign.engine.directory.YamlDirectory;
import io.countersign.lang.Frontend;
import io.countersign.lang.diag.Code;
import io.countersign.lang.diag.Diagnostic;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code countersign policy check [PATH...]}. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        header = "Check policy files and their directory.yaml, every error at once.",
        description = {"Parse and check policy files: syntax, names, types, windows, zones, regexes, quorums and "
                + "the clauses each outcome may carry, and the directory.yaml of each directory named. Every error "
                + "in the set is reported in one run, as FILE:LINE:COLUMN: error: MESSAGE with the source line and "
                + "a caret under the offending text: the first 20 of each file, then how many more. A directory is "
                + "a policy set: every *.policy file below it, searched recursively. A file that cannot be read "
                + "(not UTF-8, larger than 4 MiB) is an error of its own; the other files are still checked."},
        footer = {"",
            "Example:",
            "  $ countersign policy check policies/",
            "  5 files, 5 policies, 26 rules: 0 errors, 0 warnings",
            "  $ countersign policy check broken.policy      # exit 2",
            "  broken.policy:3:10: error: unknown attribute 'user': a path starts with requester, ...",
            "     3 |     when user.name == \"x\"",
            "       |          ^^^^^^^^^",
            "  1 file, 1 policy, 1 rule: 1 error, 0 warnings",
            "  $ countersign policy check --output json",
            "  {\"diagnostics\":[],\"errors\":0,\"files\":5,\"omitted\":{},\"policies\":5,\"rules\":26,\"warnings\":0}",
            "",
            "Exit codes: 0 no errors (warnings are printed but pass), 2 any error or unreadable file."})
public final class PolicyCheck implements Callable<Integer> {

    @CommandLine.Mixin
    PolicyPaths paths;

    @CommandLine.Mixin
    Output output;

    /** One finding as {@code --output json} prints it; line and column are 0 for a whole file. */
    record Finding(String file, int line, int column, int endLine, int endColumn, String severity, String message,
            String code) {
        static Finding of(Diagnostic d) {
            return new Finding(d.loc().file(), d.loc().line(), d.loc().column(), d.loc().endLine(), d.loc().endColumn(),
                    d.severity().label(), d.message(), d.code().name());
        }

        static Finding file(String file, String message) {
            return new Finding(file, 0, 0, 0, 0, "error", message, Code.UNREADABLE_FILE.name());
        }
    }

    @CommandLine.Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json, sarif (2.1.0) or github (workflow annotations).")
    io.countersign.analysis.report.Format format;

    @Override
    public Integer call() {
        PrintWriter out = output.out();
        PrintWriter err = output.err();
        List<Path> roots = paths.paths();
        Optional<PolicyFiles.Read> read = PolicyFiles.read(roots, err);
        if (read.isEmpty()) {
            return Main.EXIT_BAD_INPUT;
        }
        Frontend.Result result = Frontend.compile(read.get().sources());
        // Problems of whole files (unreadable policies, a broken directory.yaml): "FILE: message" or "FILE:L:C: message".
        List<String> fileProblems = new ArrayList<>(read.get().unreadable());
        for (Path root : roots) {
            Path directory = root.resolve(YamlDirectory.FILE);
            if (Files.isDirectory(root) && Files.exists(directory)) {
                try {
                    YamlDirectory.read(directory);
                } catch (IOException e) {
                    fileProblems.add(e.getMessage());
                }
            }
        }
        if (format != io.countersign.analysis.report.Format.text) {
            out.print(CheckFindings.write(format, result));
            out.flush();
            return result.hasErrors() || !fileProblems.isEmpty() ? Main.EXIT_BAD_INPUT : 0;
        }
        long policies = result.files().stream().mapToLong(f -> f.policies().size()).sum();
        long rules = result.files().stream().flatMap(f -> f.policies().stream()).mapToLong(p -> p.rules().size()).sum();
        long errors = result.errorCount() + fileProblems.size();
        if (output.json()) {
            List<Finding> findings = new ArrayList<>();
            fileProblems.forEach(p -> findings.add(finding(p)));
            Map<String, Integer> omitted = new LinkedHashMap<>();
            for (List<Diagnostic> ofFile : result.byFile()) {
                ofFile.stream().limit(Frontend.SHOWN_PER_FILE).forEach(d -> findings.add(Finding.of(d)));
                if (ofFile.size() > Frontend.SHOWN_PER_FILE) {
                    omitted.put(ofFile.get(0).loc().file(), ofFile.size() - Frontend.SHOWN_PER_FILE);
                }
            }
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("files", read.get().files());
            o.put("policies", policies);
            o.put("rules", rules);
            o.put("errors", errors);
            o.put("warnings", result.warningCount());
            o.put("diagnostics", findings);
            o.put("omitted", omitted);
            out.println(io.countersign.cli.text.JsonLine.of(o));
        } else {
            fileProblems.forEach(p -> err.println(withSeverity(p)));
            err.print(result.render());
            err.flush();
            out.println(count(read.get().files(), "file") + ", " + count(policies, "policy") + ", " + count(rules, "rule")
                    + ": " + count(errors, "error") + ", " + count(result.warningCount(), "warning"));
        }
        return errors > 0 ? Main.EXIT_BAD_INPUT : 0;
    }

    /** {@code FILE:L:C: message} or {@code FILE: message} with {@code error:} after the place. */
    static String withSeverity(String problem) {
        java.util.regex.Matcher m = PLACE.matcher(problem);
        return m.lookingAt() ? m.group(1) + ": error: " + problem.substring(m.end()) : "error: " + problem;
    }

    private static Finding finding(String problem) {
        java.util.regex.Matcher m = PLACE.matcher(problem);
        if (m.lookingAt()) {
            String[] parts = m.group(1).split(":");
            int n = parts.length;
            if (n >= 3 && parts[n - 1].matches("\\d+") && parts[n - 2].matches("\\d+")) {
                String file = String.join(":", java.util.Arrays.copyOf(parts, n - 2));
                int line = Integer.parseInt(parts[n - 2]);
                int col = Integer.parseInt(parts[n - 1]);
                return new Finding(file, line, col, line, col, "error", problem.substring(m.end()), Code.DIRECTORY.name());
            }
            return Finding.file(m.group(1), problem.substring(m.end()));
        }
        return Finding.file("", problem);
    }

    /** The place a problem names: its file, and line and column when it has them, before ": ". */
    private static final java.util.regex.Pattern PLACE = java.util.regex.Pattern.compile("(.+?(?::\\d+:\\d+)?): ");

    static String count(long n, String noun) {
        String plural = noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
        return n + " " + (n == 1 ? noun : plural);
    }
}
