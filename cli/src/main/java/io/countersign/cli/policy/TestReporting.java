package io.countersign.cli.policy;

import io.countersign.analysis.coverage.Coverage;
import io.countersign.analysis.report.FindingWriter;
import io.countersign.analysis.report.Terminal;
import io.countersign.engine.directory.YamlDirectory;
import io.countersign.engine.json.Json;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.policytest.CaseResult;
import io.countersign.engine.policytest.PolicyTestRunner;
import io.countersign.engine.policytest.ReportText;
import io.countersign.engine.policytest.TestFile;
import io.countersign.engine.request.AccessRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code policy test} for CI: the results as JUnit XML, TAP or GitHub annotations (at the failing
 * case's line), coverage per file with a threshold, and a {@code --run} that selects nothing failing.
 */
final class TestReporting {

    enum Format {
        text, json, junit, tap, github
    }

    private TestReporting() {
    }

    /** Writes the report; returns the exit code. */
    static int write(Path dir, PolicyTestRunner.Report report, Format format, boolean coverage, Integer threshold,
            boolean failOnEmpty, String run, PrintWriter out, PrintWriter err) throws IOException {
        if (!report.errors().isEmpty()) {
            if (format == Format.json) {
                out.println(Json.mapper().writeValueAsString(Map.of("errors", report.errors())));
            } else {
                err.print(ReportText.render(report));
            }
            return report.exitCode();
        }
        Coverage.Report cov = coverage || threshold != null ? coverage(dir, report) : null;
        Map<String, Map<String, Integer>> lines = caseLines(report);
        switch (format) {
            case text -> {
                out.print(ReportText.render(report));
                if (cov != null) {
                    out.print(coverageText(cov));
                }
            }
            case json -> {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("errors", report.errors());
                json.put("cases", report.results());
                json.put("passed", report.passed());
                json.put("failed", report.failed());
                if (cov != null) {
                    json.put("coverage", cov);
                }
                out.println(Json.mapper().writeValueAsString(json));
            }
            case junit -> out.print(JunitXml.write(report, lines));
            case tap -> out.print(tap(report));
            case github -> out.print(github(report, lines, cov));
        }
        int exit = report.exitCode();
        if (failOnEmpty && report.results().isEmpty()) {
            err.println("countersign: no case matches --run " + Terminal.safe(String.valueOf(run)));
            exit = Math.max(exit, 1);
        }
        if (threshold != null && cov.percent() < threshold) {
            err.println(String.format(java.util.Locale.ROOT, "countersign: coverage %.1f%% is below the threshold of %d%%",
                    cov.percent(), threshold));
            exit = Math.max(exit, 1);
        }
        return exit;
    }

    static Coverage.Report coverage(Path dir, PolicyTestRunner.Report report) throws IOException {
        PolicySet set;
        try {
            set = PolicySet.load(List.of(dir));
        } catch (io.countersign.engine.policy.PolicySetException e) {
            throw new IOException(e.getMessage(), e);
        }
        Coverage c = new Coverage(set, YamlDirectory.in(dir));
        Instant now = Instant.now();
        Map<String, TestFile> files = new LinkedHashMap<>();
        for (CaseResult r : report.results()) {
            TestFile f = files.computeIfAbsent(r.file(), TestReporting::read);
            for (TestFile.Case tc : f.cases()) {
                if (tc.name().equals(r.name())) {
                    try {
                        c.record(Json.mapper().treeToValue(tc.request(), AccessRequest.class), now);
                    } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
                        // a rejected request reaches nothing
                    }
                }
            }
        }
        return c.report();
    }

    private static TestFile read(String file) {
        try {
            return Json.yaml().readValue(Path.of(file).toFile(), TestFile.class);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String coverageText(Coverage.Report cov) {
        StringBuilder b = new StringBuilder("\ncoverage (rules and defaults deciding, risk factors holding, stages asked for):\n");
        for (Coverage.FileCoverage f : cov.files()) {
            b.append(String.format(java.util.Locale.ROOT, "  %5.1f%%  %d/%d  %s%n", f.percent(), f.covered(),
                    f.items().size(), f.file()));
            for (Coverage.Item i : f.items()) {
                if (!i.covered()) {
                    b.append("           not reached: ").append(i.kind()).append(' ').append(i.id()).append(" (")
                            .append(i.loc().position()).append(")\n");
                }
            }
        }
        b.append(String.format(java.util.Locale.ROOT, "  %5.1f%%  %d/%d  total; outcomes reached: %s%n", cov.percent(),
                cov.covered(), cov.total(), cov.outcomes().stream().map(Object::toString).sorted().toList()));
        return b.toString();
    }

    static String tap(PolicyTestRunner.Report report) {
        StringBuilder b = new StringBuilder("TAP version 13\n1..").append(report.results().size()).append('\n');
        int n = 0;
        for (CaseResult r : report.results()) {
            n++;
            b.append(r.passed() ? "ok " : "not ok ").append(n).append(" - ")
                    .append(Terminal.safe(r.file() + ": " + r.name()).replace("#", "\\#").replace("\n", " ")).append('\n');
            if (!r.passed()) {
                b.append("  ---\n  mismatches:\n");
                for (CaseResult.Mismatch m : r.mismatches()) {
                    b.append("    - field: ").append(yaml(m.field())).append("\n      expected: ").append(yaml(m.expected()))
                            .append("\n      actual: ").append(yaml(m.actual())).append('\n');
                }
                b.append("  ...\n");
            }
        }
        return b.toString();
    }

    private static String yaml(String s) {
        try {
            return Json.mapper().writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "\"?\"";
        }
    }

    static String github(PolicyTestRunner.Report report, Map<String, Map<String, Integer>> lines, Coverage.Report cov) {
        StringBuilder b = new StringBuilder();
        for (CaseResult r : report.results()) {
            if (r.passed()) {
                continue;
            }
            int line = lines.getOrDefault(r.file(), Map.of()).getOrDefault(r.name(), 1);
            StringBuilder m = new StringBuilder("case '" + r.name() + "' failed");
            for (CaseResult.Mismatch x : r.mismatches()) {
                m.append("\n").append(x.field()).append(": expected ").append(x.expected()).append(", got ").append(x.actual());
            }
            b.append("::error file=").append(FindingWriter.property(r.file())).append(",line=").append(line)
                    .append(",title=").append(FindingWriter.property("policy test")).append("::")
                    .append(FindingWriter.data(Terminal.safe(m.toString()))).append('\n');
        }
        if (cov != null) {
            for (Coverage.FileCoverage f : cov.files()) {
                for (Coverage.Item i : f.items()) {
                    if (!i.covered()) {
                        b.append("::notice file=").append(FindingWriter.property(f.file())).append(",line=")
                                .append(i.loc().line()).append(",col=").append(i.loc().column()).append(",title=")
                                .append(FindingWriter.property("not covered")).append("::")
                                .append(FindingWriter.data(i.kind() + " " + i.id() + " is reached by no test case"))
                                .append('\n');
                    }
                }
            }
        }
        b.append(report.passed()).append(" passed, ").append(report.failed()).append(" failed\n");
        return b.toString();
    }

    private static final Pattern NAME = Pattern.compile("^\\s*(?:-\\s+)?name:\\s*(.*?)\\s*$");

    /** The line of each case's {@code name:} in its file, for annotations that point at the case. */
    static Map<String, Map<String, Integer>> caseLines(PolicyTestRunner.Report report) throws IOException {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        for (CaseResult r : report.results()) {
            if (out.containsKey(r.file())) {
                continue;
            }
            Map<String, Integer> names = new LinkedHashMap<>();
            List<String> text = new ArrayList<>(Files.readAllLines(Path.of(r.file())));
            for (int i = 0; i < text.size(); i++) {
                Matcher m = NAME.matcher(text.get(i));
                if (m.matches()) {
                    String v = m.group(1);
                    if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                        try {
                            v = Json.yaml().readValue(v, String.class);
                        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                            v = v.substring(1, v.length() - 1);
                        }
                    }
                    names.putIfAbsent(v, i + 1);
                }
            }
            out.put(r.file(), names);
        }
        return out;
    }
}
