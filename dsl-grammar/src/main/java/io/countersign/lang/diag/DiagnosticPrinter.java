package io.countersign.lang.diag;

import io.countersign.lang.ast.Loc;
import io.countersign.lang.source.SourceFile;
import java.util.Map;

/**
 * Prints a diagnostic as a person reads it:
 *
 * <pre>
 * policies/prod.policy:7:10: error: unknown attribute 'user'
 *     7 |     when user.name == "x"
 *       |          ^^^^^^^^^
 * </pre>
 *
 * The caret line copies the tabs of the source line so the caret stays under the text.
 */
public final class DiagnosticPrinter {

    private final Map<String, SourceFile> sources;

    public DiagnosticPrinter(Map<String, SourceFile> sources) {
        this.sources = Map.copyOf(sources);
    }

    public String print(Diagnostic d) {
        StringBuilder out = new StringBuilder(d.headline()).append('\n');
        SourceFile source = sources.get(d.loc().file());
        Loc loc = d.loc();
        if (source == null || loc.line() < 1) {
            return out.toString();
        }
        String line = source.line(loc.line());
        String number = Integer.toString(loc.line());
        String gutter = " ".repeat(Math.max(4, number.length()) + 1);
        out.append(pad(number, gutter.length())).append("| ").append(line).append('\n');
        int[] cps = line.codePoints().toArray();
        int from = Math.min(loc.column() - 1, cps.length);
        int to = loc.endLine() == loc.line() ? Math.min(loc.endColumn() - 1, cps.length) : cps.length;
        StringBuilder caret = new StringBuilder();
        for (int i = 0; i < from; i++) {
            caret.append(cps[i] == '\t' ? '\t' : ' ');
        }
        caret.append("^".repeat(Math.max(1, to - from)));
        out.append(gutter).append("| ").append(caret).append('\n');
        return out.toString();
    }

    private static String pad(String number, int width) {
        return " ".repeat(width - 1 - number.length()) + number + " ";
    }
}
