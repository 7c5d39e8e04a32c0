package io.countersign.lang.check;

import io.countersign.lang.ast.Literal;
import io.countersign.lang.ast.Loc;
import io.countersign.lang.ast.Name;
import io.countersign.lang.diag.Code;
import io.countersign.lang.diag.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/**
 * Where every part of the checker reports, in the order it found things, and the two checks of a single
 * value that declarations and outcomes share: a name that may name its kind, and a duration longer than zero.
 */
final class Findings {

    private final List<Diagnostic> diagnostics = new ArrayList<>();

    /** The findings so far, for the checks that add to a list themselves ({@link Controls}). */
    List<Diagnostic> list() {
        return diagnostics;
    }

    /** All findings in file and position order. */
    List<Diagnostic> sorted() {
        List<Diagnostic> out = new ArrayList<>(diagnostics);
        out.sort(Diagnostic.ORDER);
        return out;
    }

    void error(Code code, Loc loc, String message) {
        diagnostics.add(Diagnostic.error(code, loc, message));
    }

    void warning(Code code, Loc loc, String message) {
        diagnostics.add(Diagnostic.warning(code, loc, message));
    }

    void name(Name name, String what) {
        String problem = Names.problem(name.text(), what);
        if (problem != null) {
            error(Code.BAD_NAME, name.loc(), problem);
        }
    }

    void positive(Literal.Dur d, String what) {
        if (d.value().isZero()) {
            error(Code.BAD_DURATION, d.loc(), "'" + what + "' needs a duration longer than zero");
        }
    }
}
