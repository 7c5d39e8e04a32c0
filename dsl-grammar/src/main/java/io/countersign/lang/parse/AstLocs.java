package io.countersign.lang.parse;

import io.countersign.lang.ast.Loc;
import io.countersign.lang.ast.Name;
import io.countersign.lang.diag.Code;
import io.countersign.lang.diag.Diagnostic;
import io.countersign.lang.grammar.PolicyParser.NameContext;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * What every part of the CST→AST build shares: where a node of the parse tree is in the source, and the list
 * a malformed literal is reported to.
 */
final class AstLocs {

    private final TextToCst.TokenLocs tokens;
    private final List<Diagnostic> diagnostics;

    AstLocs(TextToCst.TokenLocs tokens, List<Diagnostic> diagnostics) {
        this.tokens = tokens;
        this.diagnostics = diagnostics;
    }

    String file() {
        return tokens.file();
    }

    Name name(NameContext ctx) {
        return new Name(ctx.getText(), loc(ctx));
    }

    Loc loc(ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop() != null && ctx.getStop().getTokenIndex() >= start.getTokenIndex()
                ? ctx.getStop() : start;
        return Loc.span(loc(start), loc(stop));
    }

    Loc loc(Token t) {
        return tokens.of(t);
    }

    void error(Code code, Loc loc, String message) {
        diagnostics.add(Diagnostic.error(code, loc, message));
    }
}
