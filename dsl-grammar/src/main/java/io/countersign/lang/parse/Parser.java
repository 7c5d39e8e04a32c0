package io.countersign.lang.parse;

import io.countersign.lang.ast.PolicyFile;
import io.countersign.lang.diag.Diagnostic;
import io.countersign.lang.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Parses one policy file. Never throws on any input: what is wrong comes back as diagnostics. */
public final class Parser {

    private Parser() {
    }

    /** The outcome of parsing: the AST when the text is well formed, and the diagnostics in any case. */
    public record Result(Optional<PolicyFile> file, List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }

        public boolean hasErrors() {
            return diagnostics.stream().anyMatch(Diagnostic::isError);
        }
    }

    public static Result parse(SourceFile source) {
        TextToCst.Cst cst = TextToCst.parse(source);
        if (!cst.diagnostics().isEmpty()) {
            // A tree repaired by error recovery is not what the author wrote; building an AST from it
            // would only add confusing follow-on errors.
            return new Result(Optional.empty(), cst.diagnostics());
        }
        List<Diagnostic> diagnostics = new ArrayList<>();
        PolicyFile file = new CstToAst(cst.locs(), diagnostics).file(cst.tree(), cst.comments());
        return new Result(Optional.of(file), diagnostics);
    }
}
