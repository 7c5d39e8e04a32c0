package io.countersign.lsp.features;

import io.countersign.lang.format.Formatter;
import io.countersign.lsp.workspace.ParsedFile;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;

/**
 * Formatting with the canonical formatter, as {@code policy fmt} does: a file with any error is left
 * alone. The edits are the lines that change, so the editor keeps the cursor and the rest in place;
 * range formatting applies only the changes that touch the range.
 */
public final class Formatting {

    private Formatting() {
    }

    public static List<TextEdit> document(ParsedFile f) {
        return edits(f, null);
    }

    public static List<TextEdit> range(ParsedFile f, Range range) {
        return edits(f, range);
    }

    private static List<TextEdit> edits(ParsedFile f, Range range) {
        if (f.ast().isEmpty() || f.hasErrors()) {
            return List.of();
        }
        String formatted = Formatter.format(f.ast().get(), f.text());
        if (formatted.equals(f.text())) {
            return List.of();
        }
        List<TextEdit> out = new ArrayList<>();
        for (LineDiff.Hunk h : LineDiff.hunks(f.text(), formatted)) {
            if (range != null && !touches(h, range)) {
                continue;
            }
            out.add(new TextEdit(new Range(f.lines().position(h.fromOffset()), f.lines().position(h.toOffset())),
                    h.replacement()));
        }
        return out;
    }

    /** Whether a change replaces a line of the range, or inserts lines inside it. */
    private static boolean touches(LineDiff.Hunk h, Range range) {
        int first = range.getStart().getLine();
        int last = range.getEnd().getLine();
        return h.fromLine() <= last && (h.toLine() > first || h.fromLine() >= first);
    }
}
