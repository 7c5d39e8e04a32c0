package io.countersign.lang.diag;

import io.countersign.lang.ast.Loc;
import io.countersign.lang.source.SourceFile;
import io.countersign.lang.text.Escape;
import java.util.HashMap;
import java.util.List;
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
 * The caret line copies the tabs of the source line so the caret stays under the text. Whatever the file
 * holds, the output stays bounded and inert: a source line longer than {@link #MAX_LINE} is cut to a
 * window around the caret (marked {@code ...}), and control, bidi and invisible characters are shown
 * escaped ({@link Escape}), the caret moved along with them.
 */
public final class DiagnosticPrinter {

    /** Source lines longer than this many columns are cut around the caret. */
    public static final int MAX_LINE = 160;
    /** Columns of a cut line shown before the caret. */
    static final int BEFORE = 60;

    private static final String CUT = "...";

    private final Map<String, SourceFile> sources;
    /** Lines of each file, split once: a file with many diagnostics is not split again for each. */
    private final Map<String, List<String>> lines = new HashMap<>();

    public DiagnosticPrinter(Map<String, SourceFile> sources) {
        this.sources = Map.copyOf(sources);
    }

    public String print(Diagnostic d) {
        StringBuilder out = new StringBuilder(Escape.text(d.headline())).append('\n');
        SourceFile source = sources.get(d.loc().file());
        Loc loc = d.loc();
        if (source == null || loc.line() < 1) {
            return out.toString();
        }
        List<String> all = lines.computeIfAbsent(source.path(), p -> source.lines());
        String line = loc.line() <= all.size() ? all.get(loc.line() - 1) : "";
        String number = Integer.toString(loc.line());
        String gutter = " ".repeat(Math.max(4, number.length()) + 1);
        int[] cps = line.codePoints().toArray();
        int from = Math.max(0, Math.min(loc.column() - 1, cps.length));
        int to = loc.endLine() == loc.line() ? Math.min(loc.endColumn() - 1, cps.length) : cps.length;
        to = Math.max(to, from);
        // The window of the line that is shown: all of it, or up to MAX_LINE columns around the caret.
        int start = 0;
        int end = cps.length;
        if (width(cps, 0, cps.length) > MAX_LINE) {
            start = Math.max(0, from - BEFORE);
            end = start;
            int used = 0;
            while (end < cps.length && used + Escape.width(cps[end]) <= MAX_LINE - 2 * CUT.length()) {
                used += Escape.width(cps[end]);
                end++;
            }
        }
        StringBuilder text = new StringBuilder();
        StringBuilder caret = new StringBuilder();
        if (start > 0) {
            text.append(CUT);
            caret.append(" ".repeat(CUT.length()));
        }
        for (int i = start; i < end; i++) {
            int cp = cps[i];
            boolean tab = cp == '\t';
            text.append(tab ? "\t" : Escape.unsafe(cp) ? Escape.escaped(cp) : new String(Character.toChars(cp)));
            int w = tab ? 1 : Escape.width(cp);
            if (i < from) {
                caret.append(tab ? "\t" : " ".repeat(w));
            } else if (i < to) {
                caret.append("^".repeat(w));
            }
        }
        if (end < cps.length) {
            text.append(CUT);
        }
        if (to == from || from >= end) {
            // an empty span (end of file), or one past the shown part of the line: one caret at its start
            caret.append('^');
        }
        out.append(pad(number, gutter.length())).append("| ").append(text).append('\n');
        out.append(gutter).append("| ").append(caret.toString().stripTrailing()).append('\n');
        return out.toString();
    }

    private static int width(int[] cps, int from, int to) {
        int w = 0;
        for (int i = from; i < to; i++) {
            w += Escape.width(cps[i]);
        }
        return w;
    }

    private static String pad(String number, int width) {
        return " ".repeat(width - 1 - number.length()) + number + " ";
    }
}
