package io.countersign.lang.parse;

import io.countersign.lang.ast.Comment;
import io.countersign.lang.ast.Loc;
import io.countersign.lang.diag.Diagnostic;
import io.countersign.lang.grammar.PolicyLexer;
import io.countersign.lang.grammar.PolicyParser;
import io.countersign.lang.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/** Lexes and parses a file with the generated ANTLR parser, collecting syntax errors as diagnostics. */
final class TextToCst {

    private TextToCst() {
    }

    record Cst(PolicyParser.FileContext tree, List<Comment> comments, List<Diagnostic> diagnostics) {
    }

    static Cst parse(SourceFile source) {
        PolicyLexer lexer = new PolicyLexer(CharStreams.fromString(source.text(), source.path()));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();

        // Ordered and keyed by offset: error recovery may report one place twice, the author needs it once.
        Map<Integer, Diagnostic> errors = new LinkedHashMap<>();
        List<Comment> comments = new ArrayList<>();
        for (Token t : tokens.getTokens()) {
            switch (t.getType()) {
                case PolicyLexer.COMMENT -> comments.add(new Comment(t.getText(), TokenLocs.of(source.path(), t)));
                case PolicyLexer.UNTERMINATED_STRING -> errors.putIfAbsent(t.getStartIndex(),
                        Diagnostic.error(TokenLocs.of(source.path(), t), "unterminated string: a string ends with \" on the same line"));
                case PolicyLexer.ERROR_CHAR -> errors.putIfAbsent(t.getStartIndex(),
                        Diagnostic.error(TokenLocs.of(source.path(), t), "unexpected character " + TokenNames.quoteChar(t.getText())));
                default -> {
                }
            }
        }

        PolicyParser parser = new PolicyParser(tokens);
        parser.removeErrorListeners();
        parser.setErrorHandler(new SyntaxErrorStrategy());
        parser.addErrorListener(new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int column, String msg,
                    RecognitionException e) {
                Token t = (Token) offending;
                if (t.getType() == PolicyLexer.UNTERMINATED_STRING || t.getType() == PolicyLexer.ERROR_CHAR) {
                    return; // already reported by the lexer pass, in better words
                }
                errors.putIfAbsent(t.getStartIndex(), Diagnostic.error(TokenLocs.of(source.path(), t), msg));
            }
        });
        PolicyParser.FileContext tree = parser.file();
        List<Diagnostic> diagnostics = new ArrayList<>(errors.values());
        diagnostics.sort(Diagnostic.ORDER);
        return new Cst(tree, comments, diagnostics);
    }

    /** Locations of tokens. */
    static final class TokenLocs {
        private TokenLocs() {
        }

        static Loc of(String file, Token t) {
            if (t.getType() == Token.EOF) {
                return new Loc(file, t.getLine(), t.getCharPositionInLine() + 1, t.getLine(),
                        t.getCharPositionInLine() + 1, t.getStartIndex(), t.getStartIndex());
            }
            int length = t.getStopIndex() - t.getStartIndex() + 1;
            return new Loc(file, t.getLine(), t.getCharPositionInLine() + 1, t.getLine(),
                    t.getCharPositionInLine() + 1 + length, t.getStartIndex(), t.getStopIndex() + 1);
        }
    }
}
