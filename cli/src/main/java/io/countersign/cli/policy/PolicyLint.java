package io.countersign.cli.policy;

import io.countersign.analysis.lint.LintCode;
import io.countersign.analysis.lint.LintConfig;
import io.countersign.analysis.lint.Linter;
import io.countersign.analysis.report.Finding;
import io.countersign.analysis.report.FindingWriter;
import io.countersign.analysis.report.Format;
import io.countersign.analysis.report.Level;
import io.countersign.cli.Main;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.policy.PolicySetException;
import io.countersign.lang.source.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code countersign policy lint PATH...}. */
@Command(name = "lint",
        header = "Find rules that never match, shadowed rules and other exact problems.",
        mixinStandardHelpOptions = true,
        description = {
            "Find what a policy set does that its authors did not mean, exactly: each finding is a question",
            "the Z3 solver answered over every valid request (2000-2100), and each example request was",
            "replayed through the reference evaluator. Findings: rules that can never hold (CS-L001), rules",
            "that never decide because another always wins (CS-L002, naming it), denies that never fire",
            "(CS-L003), windows and dates that never hold (CS-L004), conditions always true (CS-L005),",
            "unused windows (CS-L006) and risk factors (CS-L007, CS-L008), rules deciding together with",
            "conflicting grants (CS-L009), scopes that never hold (CS-L010); predicates outside the",
            "decidable core (CS-L011) and questions the solver could not answer (CS-L012) are reported."},
        footer = {"",
            "Levels: each code has a default; a lint.yaml in the policy directory changes them",
            "  (severity: {shadowed-rule: error, CS-L006: off}), and --severity CODE=LEVEL overrides that.",
            "",
            "Example:",
            "  $ countersign policy lint policies/",
            "  policies/db.policy:9:3: warning: rule db/readers can never decide: db/everyone (require approval) decides whenever it fires [CS-L002 shadowed-rule]",
            "      e.g. {\"at\":\"2026-03-02T09:00:00Z\",...,\"groups\":[\"eng\"],\"permissions\":[\"select\"],\"profile\":\"db\",...}",
            "  1 file, 2 rules: 0 errors, 1 warning, 0 notes",
            "",
            "Exit codes: 0 no finding at or above --fail-on, 1 some finding is, 2 invalid policies or options."})
public final class PolicyLint implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Policy files or directories.")
    List<Path> paths;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error",
            description = "Exit 1 when a finding is at this level or above: error (default), warning, note, never.")
    String failOn;

    @Option(names = "--severity", paramLabel = "CODE=LEVEL",
            description = "Set a code's level (off, note, warning, error); repeatable; after lint.yaml.")
    List<String> severities = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE",
            description = "A lint configuration (default: lint.yaml in the first directory given, when there).")
    Path config;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json, sarif (2.1.0) or github (workflow annotations).")
    Format format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        io.countersign.analysis.smt.Analysis.preload(); // the solver's library loads while the policies are read
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Level threshold = failOn.equals("never") ? null : Level.parse(failOn);
        if (threshold == null && !failOn.equals("never") || threshold == Level.OFF) {
            err.println("countersign: --fail-on " + failOn + ": expected error, warning, note or never");
            return Main.EXIT_BAD_INPUT;
        }
        LintConfig levels = new LintConfig();
        try {
            Path file = config != null ? config : paths.stream().filter(Files::isDirectory).findFirst()
                    .map(d -> d.resolve(LintConfig.FILE)).filter(Files::isRegularFile).orElse(null);
            if (file != null) {
                levels.read(file);
            }
            for (String s : severities) {
                levels.override(s);
            }
        } catch (LintConfig.Invalid | IOException e) {
            err.println("countersign: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        Optional<List<SourceFile>> sources = PolicyFiles.readAll(paths, err);
        if (sources.isEmpty()) {
            return Main.EXIT_BAD_INPUT;
        }
        PolicySet set;
        try {
            set = PolicySet.of(sources.get());
        } catch (PolicySetException e) {
            err.print(e.result().render());
            err.flush();
            return Main.EXIT_BAD_INPUT;
        }
        List<Finding> findings = levels.apply(Linter.lint(set));
        out.print(FindingWriter.write(format, "countersign policy lint", rules(), findings));
        if (format == Format.text) {
            long e = findings.stream().filter(f -> f.level() == Level.ERROR).count();
            long w = findings.stream().filter(f -> f.level() == Level.WARNING).count();
            long n = findings.stream().filter(f -> f.level() == Level.NOTE).count();
            out.println(PolicyCheck.count(sources.get().size(), "file") + ", " + PolicyCheck.count(set.rules().size(), "rule")
                    + ": " + PolicyCheck.count(e, "error") + ", " + PolicyCheck.count(w, "warning") + ", "
                    + PolicyCheck.count(n, "note"));
        }
        out.flush();
        boolean fails = threshold != null && findings.stream().anyMatch(f -> f.level().compareTo(threshold) >= 0);
        return fails ? 1 : 0;
    }

    static List<FindingWriter.Rule> rules() {
        List<FindingWriter.Rule> out = new ArrayList<>();
        for (LintCode c : LintCode.values()) {
            out.add(new FindingWriter.Rule(c.code(), c.slug(), c.summary(), c.defaultLevel()));
        }
        return out;
    }
}
