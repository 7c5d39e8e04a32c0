package io.countersign.engine;

import io.countersign.lang.diag.Diagnostic;
import java.util.List;

/**
 * A policy directory that cannot be used: a policy with errors (every diagnostic is here), or a file
 * that cannot be read ({@code directory.yaml}, a key; no diagnostics then, the message names it).
 */
public final class PolicyLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> diagnostics;
    private final String report;

    PolicyLoadException(String message, List<Diagnostic> diagnostics, String report, Throwable cause) {
        super(message, cause);
        this.diagnostics = List.copyOf(diagnostics);
        this.report = report;
    }

    /** The policies' diagnostics (errors and warnings); empty when a file could not be read. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** What to print: the diagnostics as {@code policy check} prints them, or the message. */
    public String report() {
        return report;
    }
}
