package io.countersign.lsp.diagnostics;

import io.countersign.lang.diag.Severity;
import io.countersign.lsp.text.LineIndex;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Range;

/** The front end's diagnostics in the protocol's terms. */
public final class Conversions {

    public static final String SOURCE = "countersign";

    private Conversions() {
    }

    public static Diagnostic diagnostic(io.countersign.lang.diag.Diagnostic d, LineIndex lines, String source) {
        Diagnostic out = new Diagnostic(lines.range(d.loc()), d.message(), severity(d.severity()), source);
        return out;
    }

    public static Diagnostic diagnostic(Range range, String message, DiagnosticSeverity severity) {
        return new Diagnostic(range, message, severity, SOURCE);
    }

    public static DiagnosticSeverity severity(Severity s) {
        return s == Severity.ERROR ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
    }
}
