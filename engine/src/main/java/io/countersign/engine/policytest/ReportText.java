package io.countersign.engine.policytest;

import io.countersign.engine.reference.Explanation;

/**
 * The test report as a person reads it: one line per case, and for a failing case what was
 * expected and what came, then why the engine decided so, rule by rule. The last line is
 * {@code N passed, M failed}.
 */
public final class ReportText {

    private ReportText() {
    }

    public static String render(PolicyTestRunner.Report report) {
        StringBuilder out = new StringBuilder();
        if (!report.errors().isEmpty()) {
            report.errors().forEach(e -> out.append(e).append('\n'));
            out.append("no case was run: fix the errors above\n");
            return out.toString();
        }
        for (CaseResult r : report.results()) {
            out.append(r.passed() ? "ok   " : "FAIL ").append(r.file()).append(": ").append(r.name()).append('\n');
            if (r.passed()) {
                continue;
            }
            for (CaseResult.Mismatch m : r.mismatches()) {
                out.append("       ").append(m.field()).append(": expected ").append(m.expected()).append('\n')
                        .append("       ").append(" ".repeat(m.field().length())).append("       got ")
                        .append(m.actual()).append('\n');
            }
            out.append("       decided: ").append(r.decision()).append('\n');
            if (r.explanation() != null) {
                out.append("       why:\n");
                explain(r.explanation(), "         ", out);
            }
        }
        out.append(report.passed()).append(" passed, ").append(report.failed()).append(" failed\n");
        return out.toString();
    }

    /** The per-rule lines of an explanation, each prefixed with {@code indent}. */
    public static void explain(Explanation x, String indent, StringBuilder out) {
        for (Explanation.PolicyTrace p : x.policies()) {
            line(indent, p.scope(), out);
            if (p.scope().status() != Explanation.Status.MATCHED) {
                continue;
            }
            p.risks().stream().filter(t -> t.status() == Explanation.Status.MATCHED
                    || t.status() == Explanation.Status.UNDETERMINED).forEach(t -> line(indent, t, out));
            p.rules().forEach(t -> line(indent, t, out));
        }
    }

    private static void line(String indent, Explanation.Trace t, StringBuilder out) {
        out.append(indent).append(t.id()).append(": ").append(t.status());
        Explanation.Failure f = t.failed();
        if (f != null) {
            out.append(": ").append(f.predicate()).append(" is ").append(f.value());
            if (f.missing() != null) {
                out.append(" (needs ").append(f.missing()).append(")");
            }
            out.append(" at ").append(f.at());
        }
        out.append('\n');
    }
}
