package io.countersign.lang.diag;

import io.countersign.lang.ast.Loc;
import java.util.Comparator;

/**
 * One finding about a policy file, positioned at the offending text.
 *
 * @param code what kind of problem, stable for programs (the message is for people)
 */
public record Diagnostic(Severity severity, Loc loc, String message, Code code) {

    /** File, then position, then message: the order diagnostics are printed in. */
    public static final Comparator<Diagnostic> ORDER = Comparator.comparing((Diagnostic d) -> d.loc().file())
            .thenComparingInt(d -> d.loc().line())
            .thenComparingInt(d -> d.loc().column())
            .thenComparing(Diagnostic::message);

    public static Diagnostic error(Code code, Loc loc, String message) {
        return new Diagnostic(Severity.ERROR, loc, message, code);
    }

    public static Diagnostic warning(Code code, Loc loc, String message) {
        return new Diagnostic(Severity.WARNING, loc, message, code);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The first line of the printed form: {@code file:line:column: error: message}. */
    public String headline() {
        return loc.position() + ": " + severity.label() + ": " + message;
    }
}
