package io.countersign.lang.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.countersign.lang.ast.Item;
import io.countersign.lang.ast.Loc;
import io.countersign.lang.diag.Diagnostic;
import io.countersign.lang.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Positions count lines as {@link SourceFile#lines()} does, ending them at {@code \n}, {@code \r\n}
 * and a lone {@code \r}. Found by ParserRobustnessProperties: with ANTLR's own line numbers, a file
 * with {@code \r} line breaks was all line 1, and diagnostics pointed past the end of that line.
 */
class LineBreakPositionsTest {

    private static Diagnostic onlyDiagnostic(String text) {
        List<Diagnostic> diagnostics = Parser.parse(new SourceFile("t.policy", text)).diagnostics();
        assertEquals(1, diagnostics.size(), diagnostics::toString);
        return diagnostics.get(0);
    }

    @Test
    void syntaxErrorAfterCarriageReturns() {
        Diagnostic d = onlyDiagnostic("policy p {\r  oops\r}\r");
        assertEquals(2, d.loc().line());
        assertEquals(3, d.loc().column());
    }

    @Test
    void syntaxErrorAfterALeadingCarriageReturn() {
        // The shrunk sample: "\r" then a policy without its keyword.
        Diagnostic d = onlyDiagnostic("\r production {\r}");
        assertEquals(2, d.loc().line());
        assertEquals(2, d.loc().column());
    }

    @Test
    void mixedLineBreaksCountOnceEach() {
        Diagnostic d = onlyDiagnostic("policy p {\r\n\r\n  rule r {\n\r    then oops\r  }\r\n}");
        assertEquals(5, d.loc().line());
        assertEquals(10, d.loc().column());
    }

    @Test
    void unexpectedCharacterAndEndOfFile() {
        assertEquals(new Loc("t.policy", 2, 3, 2, 4, 6, 7), onlyDiagnostic("# c\r  ;").loc());
        Diagnostic eof = onlyDiagnostic("policy p {\r");
        assertEquals(2, eof.loc().line());
        assertEquals(1, eof.loc().column());
    }

    @Test
    void nodesSpanLinesEndedByCarriageReturns() {
        Item.Rule rule = Parser.parse(new SourceFile("t.policy", "policy p {\r  rule r {\r    then approve\r  }\r}"))
                .file().orElseThrow().policies().get(0).rules().get(0);
        assertEquals(2, rule.loc().line());
        assertEquals(3, rule.loc().column());
        assertEquals(4, rule.loc().endLine());
        assertEquals(4, rule.loc().endColumn());
    }
}
