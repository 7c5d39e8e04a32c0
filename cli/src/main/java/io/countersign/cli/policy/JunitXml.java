package io.countersign.cli.policy;

import io.countersign.engine.policytest.CaseResult;
import io.countersign.engine.policytest.PolicyTestRunner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results as JUnit XML, the form Jenkins, GitLab, GitHub (through test-report actions) and most CI
 * systems read: one {@code testsuite} per test file, one {@code testcase} per case, a {@code failure}
 * with the mismatches.
 */
final class JunitXml {

    private JunitXml() {
    }

    static String write(PolicyTestRunner.Report report, Map<String, Map<String, Integer>> lines) {
        Map<String, List<CaseResult>> byFile = new LinkedHashMap<>();
        for (CaseResult r : report.results()) {
            byFile.computeIfAbsent(r.file(), k -> new java.util.ArrayList<>()).add(r);
        }
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<testsuites name=\"countersign policy test\" tests=\"").append(report.results().size())
                .append("\" failures=\"").append(report.failed()).append("\">\n");
        for (Map.Entry<String, List<CaseResult>> e : byFile.entrySet()) {
            long failures = e.getValue().stream().filter(r -> !r.passed()).count();
            b.append("  <testsuite name=\"").append(attr(e.getKey())).append("\" tests=\"").append(e.getValue().size())
                    .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"0\">\n");
            for (CaseResult r : e.getValue()) {
                Integer line = lines.getOrDefault(r.file(), Map.of()).get(r.name());
                b.append("    <testcase classname=\"").append(attr(r.file())).append("\" name=\"").append(attr(r.name()))
                        .append("\" file=\"").append(attr(r.file())).append('"');
                if (line != null) {
                    b.append(" line=\"").append(line).append('"');
                }
                if (r.passed()) {
                    b.append("/>\n");
                    continue;
                }
                StringBuilder text = new StringBuilder();
                for (CaseResult.Mismatch m : r.mismatches()) {
                    text.append(m.field()).append(": expected ").append(m.expected()).append(", got ").append(m.actual())
                            .append('\n');
                }
                b.append(">\n      <failure message=\"").append(attr(r.mismatches().isEmpty() ? "failed"
                        : r.mismatches().get(0).field() + " differs")).append("\" type=\"mismatch\">")
                        .append(text(text.toString())).append("</failure>\n    </testcase>\n");
            }
            b.append("  </testsuite>\n");
        }
        return b.append("</testsuites>\n").toString();
    }

    static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("\n", "&#10;").replace("\t", "&#9;").replace("\r", "&#13;");
    }

    static String text(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                default -> {
                    boolean legal = cp == 0x9 || cp == 0xA || cp == 0xD || cp >= 0x20 && cp <= 0xD7FF
                            || cp >= 0xE000 && cp <= 0xFFFD || cp >= 0x10000 && cp <= 0x10FFFF;
                    if (legal) {
                        b.appendCodePoint(cp);
                    } else {
                        b.append("\\u").append(String.format("%04X", cp));
                    }
                }
            }
        });
        return b.toString();
    }
}
