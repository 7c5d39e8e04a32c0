package io.countersign.cli.policy;

import io.countersign.analysis.report.Finding;
import io.countersign.analysis.report.FindingWriter;
import io.countersign.analysis.report.Format;
import io.countersign.analysis.report.Level;
import io.countersign.lang.Frontend;
import io.countersign.lang.diag.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/** {@code policy check}'s diagnostics as findings, for the machine-readable formats lint and diff share. */
final class CheckFindings {

    private CheckFindings() {
    }

    static String write(Format format, Frontend.Result result) {
        List<Finding> findings = new ArrayList<>();
        List<Diagnostic> all = new ArrayList<>(result.diagnostics());
        all.sort(Diagnostic.ORDER);
        for (Diagnostic d : all) {
            findings.add(d.isError()
                    ? new Finding("CS-C001", "check-error", Level.ERROR, d.loc(), d.message(), null, true)
                    : new Finding("CS-C002", "check-warning", Level.WARNING, d.loc(), d.message(), null, true));
        }
        return FindingWriter.write(format, "countersign policy check", List.of(
                new FindingWriter.Rule("CS-C001", "check-error", "an error: the policy set cannot be used", Level.ERROR),
                new FindingWriter.Rule("CS-C002", "check-warning", "a warning of the checker", Level.WARNING)),
                findings);
    }
}
