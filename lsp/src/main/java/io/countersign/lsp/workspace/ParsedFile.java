package io.countersign.lsp.workspace;

import io.countersign.lang.ast.Loc;
import io.countersign.lang.ast.PolicyFile;
import io.countersign.lang.diag.Diagnostic;
import io.countersign.lang.source.SourceFile;
import io.countersign.lsp.text.LineIndex;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A policy file as last parsed: its text, its lines, its AST when it parsed, and its own diagnostics
 * (syntax, malformed literals, or why it was not parsed at all).
 *
 * @param source the text under the name diagnostics show ({@code policies/prod.policy})
 */
public record ParsedFile(Path path, SourceFile source, LineIndex lines, Optional<PolicyFile> ast,
        List<Diagnostic> diagnostics) {

    public ParsedFile {
        diagnostics = List.copyOf(diagnostics);
    }

    public String text() {
        return source.text();
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** The text a node was read from. */
    public String slice(Loc loc) {
        var r = lines.range(loc);
        return text().substring(lines.offset(r.getStart()), lines.offset(r.getEnd()));
    }
}
