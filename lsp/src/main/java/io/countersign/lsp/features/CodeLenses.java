package io.countersign.lsp.features;

import com.google.gson.JsonPrimitive;
import io.countersign.engine.policytest.PolicyTestRunner;
import io.countersign.lsp.cases.CaseFile;
import io.countersign.lsp.workspace.Analysis;
import io.countersign.lsp.workspace.Uris;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * "Run" above a test file and each of its cases, and above a policy file whose test file sits beside
 * it ({@code prod.policy} and {@code prod.test.yaml}). They run {@link #RUN_CASES} on the server.
 */
public final class CodeLenses {

    /** Arguments: the test file's URI, and optionally one case's name. */
    public static final String RUN_CASES = "countersign.runCases";

    private CodeLenses() {
    }

    public static List<CodeLens> of(Analysis a, Path file) {
        List<CodeLens> out = new ArrayList<>();
        CaseFile cases = a.cases().get(file);
        if (cases != null) {
            if (!cases.cases().isEmpty()) {
                out.add(lens(0, "Run " + cases.cases().size() + (cases.cases().size() == 1 ? " case" : " cases"),
                        file, null));
            }
            for (CaseFile.Case c : cases.cases()) {
                if (c.name() != null) {
                    out.add(lens(c.nameRange().getStart().getLine(), "Run case", file, c.name()));
                }
            }
            return out;
        }
        String name = file.getFileName().toString();
        Path tests = file.resolveSibling(name.substring(0, name.length() - ".policy".length())
                + PolicyTestRunner.SUFFIX);
        CaseFile beside = a.cases().get(tests);
        if (beside != null && !beside.cases().isEmpty()) {
            out.add(lens(0, "Run the " + beside.cases().size() + " cases of " + tests.getFileName(), tests, null));
        }
        return out;
    }

    private static CodeLens lens(int line, String title, Path testFile, String caseName) {
        List<Object> args = new ArrayList<>();
        args.add(new JsonPrimitive(Uris.uri(testFile)));
        if (caseName != null) {
            args.add(new JsonPrimitive(caseName));
        }
        Range at = new Range(new Position(line, 0), new Position(line, 0));
        return new CodeLens(at, new Command(title, RUN_CASES, args), null);
    }
}
