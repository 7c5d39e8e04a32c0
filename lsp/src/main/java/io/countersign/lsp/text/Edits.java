package io.countersign.lsp.text;

import java.util.List;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

/** Applies the protocol's incremental changes to a document's text, in the order they come. */
public final class Edits {

    private Edits() {
    }

    public static String apply(String text, List<TextDocumentContentChangeEvent> changes) {
        String current = text;
        for (TextDocumentContentChangeEvent change : changes) {
            if (change.getRange() == null) {
                current = change.getText();
                continue;
            }
            LineIndex lines = new LineIndex(current);
            int from = lines.offset(change.getRange().getStart());
            int to = Math.max(from, lines.offset(change.getRange().getEnd()));
            current = current.substring(0, from) + change.getText() + current.substring(to);
        }
        return current;
    }
}
