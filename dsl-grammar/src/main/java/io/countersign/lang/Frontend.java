package io.countersign.lang;

import io.countersign.lang.ast.PolicyFile;
import io.countersign.lang.check.Checker;
import io.countersign.lang.diag.Diagnostic;
import io.countersign.lang.diag.DiagnosticPrinter;
import io.countersign.lang.parse.Parser;
import io.countersign.lang.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and checks a policy set. Files that do not parse are reported and left out of the check;
 * the others are checked together, so one run reports every error in the set.
 */
public final class Frontend {

    private Frontend() {
    }

    /** A checked policy set: its files, the ASTs of those that parsed, and every diagnostic, in order. */
    public record Result(List<SourceFile> sources, List<PolicyFile> files, List<Diagnostic> diagnostics) {
        public Result {
            sources = List.copyOf(sources);
            files = List.copyOf(files);
            diagnostics = List.copyOf(diagnostics);
        }

        public boolean hasErrors() {
            return diagnostics.stream().anyMatch(Diagnostic::isError);
        }

        public long errorCount() {
            return diagnostics.stream().filter(Diagnostic::isError).count();
        }

        public long warningCount() {
            return diagnostics.size() - errorCount();
        }

        /** Every diagnostic printed with its source line and caret. */
        public String render() {
            Map<String, SourceFile> byPath = new LinkedHashMap<>();
            sources.forEach(s -> byPath.put(s.path(), s));
            DiagnosticPrinter printer = new DiagnosticPrinter(byPath);
            StringBuilder out = new StringBuilder();
            diagnostics.forEach(d -> out.append(printer.print(d)));
            return out.toString();
        }
    }

    public static Result compile(List<SourceFile> sources) {
        List<PolicyFile> files = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (SourceFile source : sources) {
            Parser.Result parsed = Parser.parse(source);
            diagnostics.addAll(parsed.diagnostics());
            // A file with a malformed literal still has an AST: checking it too reports everything at once.
            parsed.file().ifPresent(files::add);
        }
        diagnostics.addAll(Checker.check(files));
        diagnostics.sort(Diagnostic.ORDER);
        return new Result(sources, files, diagnostics);
    }
}
