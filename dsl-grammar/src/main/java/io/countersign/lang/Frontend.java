package io.countersign.lang;

import io.countersign.lang.ast.PolicyFile;
import io.countersign.lang.check.Checker;
import io.countersign.lang.diag.Diagnostic;
import io.countersign.lang.diag.DiagnosticPrinter;
import io.countersign.lang.parse.Parser;
import io.countersign.lang.source.SourceFile;
import io.countersign.lang.text.Escape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and checks a policy set. Files that do not parse are reported and left out of the check;
 * the others are checked together, so one run reports every error in the set.
 */
public final class Frontend {

    /** How many diagnostics of one file are printed; the rest are counted. */
    public static final int SHOWN_PER_FILE = 20;

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

        /**
         * The diagnostics printed with their source line and caret: the first {@link #SHOWN_PER_FILE} of
         * each file, then one line saying how many more that file has, so that a file of garbage cannot
         * flood a terminal or a CI log.
         */
        public String render() {
            Map<String, SourceFile> byPath = new LinkedHashMap<>();
            sources.forEach(s -> byPath.put(s.path(), s));
            DiagnosticPrinter printer = new DiagnosticPrinter(byPath);
            StringBuilder out = new StringBuilder();
            for (List<Diagnostic> ofFile : byFile()) {
                ofFile.stream().limit(SHOWN_PER_FILE).forEach(d -> out.append(printer.print(d)));
                if (ofFile.size() > SHOWN_PER_FILE) {
                    out.append(more(ofFile.get(0).loc().file(), ofFile.subList(SHOWN_PER_FILE, ofFile.size())))
                            .append('\n');
                }
            }
            return out.toString();
        }

        /** The diagnostics grouped by file, in printing order. */
        public List<List<Diagnostic>> byFile() {
            Map<String, List<Diagnostic>> groups = new LinkedHashMap<>();
            diagnostics.forEach(d -> groups.computeIfAbsent(d.loc().file(), f -> new ArrayList<>()).add(d));
            return List.copyOf(groups.values());
        }

        /** {@code FILE: and 12 more (10 errors, 2 warnings)}, for the diagnostics left out of a file's list. */
        public static String more(String file, List<Diagnostic> left) {
            long errors = left.stream().filter(Diagnostic::isError).count();
            long warnings = left.size() - errors;
            return Escape.text(file) + ": and " + left.size() + " more (" + errors + (errors == 1 ? " error, " : " errors, ")
                    + warnings + (warnings == 1 ? " warning)" : " warnings)");
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
