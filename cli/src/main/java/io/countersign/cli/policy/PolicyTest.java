package io.countersign.cli.policy;

import io.countersign.cli.text.JsonLine;
import io.countersign.engine.json.Json;
import io.countersign.engine.policytest.PolicyTestRunner;
import io.countersign.engine.policytest.ReportText;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code countersign policy test DIR}. */
@Command(name = "test",
        mixinStandardHelpOptions = true,
        header = "Dry-run the policy set against the cases in its *.test.yaml files.",
        description = {"Dry-run the policy set under DIR against the cases in every *.test.yaml file below it. "
                + "Each case is a request and what the policies should decide: decision, rules, duration, grants, "
                + "stages, conditions, stipulations, controls, risk, rationale, or an error. One line per case; a "
                + "failing case shows expected against actual and why the engine decided so, rule by rule. Every error "
                + "in every test file is reported at once, at its FILE:LINE:COLUMN, and then no case runs. A case "
                + "whose request the engine refuses fails with the field at fault; the others still run. --run "
                + "that selects no case is an error, so a mistyped filter in CI does not pass."},
        footer = {"",
            "Example (policies/production.test.yaml):",
            "  cases:",
            "    - name: on-call engineer reads production at once",
            "      request: {requester: alice, groups: [oncall], profile: prod-readonly,",
            "                duration: 1h, at: 2026-03-02T10:00:00+01:00}",
            "      expect: {decision: conditional, rules: [production/oncall-readonly]}",
            "",
            "  $ countersign policy test policies/",
            "  ...",
            "  ok   policies/production.test.yaml: on-call engineer reads production at once",
            "  ...",
            "  ... passed, 0 failed",
            "  $ countersign policy test policies/ --run 'on-call'",
            "",
            "Exit codes: 0 every case passed, 1 a case failed, 2 a policy or test file is invalid (no case runs)",
            "or --run selects no case."})
public final class PolicyTest implements Callable<Integer> {

    @Option(names = "--run", paramLabel = "REGEX", description = "Run only the cases whose name matches REGEX"
            + " (found anywhere in the name); selecting none is an error.")
    String run;

    @CommandLine.Mixin
    PolicyDir policies;

    @CommandLine.Mixin
    Output output;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "text, json, junit (JUnit XML), tap (TAP 13) or github (annotations at the failing case's line).")
    TestReporting.Format format;

    @Option(names = "--coverage", description = "Report which rules, defaults, risk factors and stages the cases reach, per file.")
    boolean coverage;

    @Option(names = "--threshold", paramLabel = "PERCENT", description = "Exit 1 when coverage is below PERCENT.")
    Integer threshold;

    @Option(names = "--fail-on-empty", description = "Exit 1 when --run selects no case.")
    boolean failOnEmpty;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = output.out();
        PrintWriter err = output.err();
        Path dir = policies.path();
        if (!Files.isDirectory(dir)) {
            err.println("countersign: " + dir + ": not a directory");
            return 2;
        }
        Pattern select = null;
        if (run != null) {
            try {
                select = Pattern.compile(run);
            } catch (PatternSyntaxException e) {
                err.println("countersign: --run: invalid regex: " + e.getDescription());
                return 2;
            }
        }
        PolicyTestRunner.Report report = PolicyTestRunner.run(dir, Optional.ofNullable(select));
        boolean noneSelected = select != null && report.errors().isEmpty() && report.results().isEmpty();
        if (format != null || coverage || threshold != null || failOnEmpty) {
            TestReporting.Format f = format != null ? format : output.json() ? TestReporting.Format.json
                    : TestReporting.Format.text;
            int exit = TestReporting.write(dir, report, f, coverage, threshold, failOnEmpty, run, out, err);
            out.flush();
            err.flush();
            return exit;
        }
        if (output.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("errors", noneSelected ? List.of(selectsNothing()) : report.errors());
            json.put("cases", report.results());
            json.put("passed", report.passed());
            json.put("failed", report.failed());
            out.println(JsonLine.of(json));
        } else if (noneSelected) {
            err.println("countersign: " + selectsNothing());
        } else if (!report.errors().isEmpty()) {
            err.print(ReportText.render(report));
        } else {
            out.print(ReportText.render(report));
        }
        out.flush();
        err.flush();
        return noneSelected ? 2 : report.exitCode();
    }

    private String selectsNothing() {
        return "--run '" + run + "' selects no case: check the filter (a regex found anywhere in a case's name)";
    }
}
