package io.countersign.lang.parse;

import io.countersign.lang.ast.Comment;
import io.countersign.lang.ast.Loc;
import io.countersign.lang.diag.Code;
import io.countersign.lang.diag.Diagnostic;
import io.countersign.lang.grammar.PolicyLexer;
import io.countersign.lang.grammar.PolicyParser;
import io.countersign.lang.source.SourceFile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
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

    /** The parse tree (null when the text nests too deeply to be parsed), comments and syntax errors. */
    record Cst(PolicyParser.FileContext tree, List<Comment> comments, List<Diagnostic> diagnostics, TokenLocs locs) {
    }

    static Cst parse(SourceFile source) {
        PolicyLexer lexer = new PolicyLexer(CharStreams.fromString(source.text(), source.path()));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        TokenLocs locs = new TokenLocs(source);

        // Ordered and keyed by offset: error recovery may report one place twice, the author needs it once.
        Map<Integer, Diagnostic> errors = new LinkedHashMap<>();
        List<Comment> comments = new ArrayList<>();
        for (Token t : tokens.getTokens()) {
            switch (t.getType()) {
                case PolicyLexer.COMMENT -> comments.add(new Comment(t.getText(), locs.of(t)));
                case PolicyLexer.UNTERMINATED_STRING -> errors.putIfAbsent(t.getStartIndex(),
                        Diagnostic.error(Code.UNTERMINATED_STRING, locs.of(t), "unterminated string: a string ends with \" on the same line"));
                case PolicyLexer.ERROR_CHAR -> errors.putIfAbsent(t.getStartIndex(),
                        Diagnostic.error(Code.UNEXPECTED_CHARACTER, locs.of(t), "unexpected character " + TokenNames.quoteChar(t.getText())));
                default -> {
                }
            }
        }

        Token deep = tooDeep(tokens.getTokens());
        if (deep != null) {
            // The parser, the checker and the formatter all recurse once a level; past this depth a
            // hostile or generated file would overflow the stack instead of getting a diagnostic.
            errors.putIfAbsent(deep.getStartIndex(), Diagnostic.error(Code.NESTING_TOO_DEEP, locs.of(deep), "conditions and lists nest "
                    + "too deeply: more than " + MAX_NESTING + " levels of parentheses, brackets and 'not'"));
            List<Diagnostic> diagnostics = new ArrayList<>(errors.values());
            diagnostics.sort(Diagnostic.ORDER);
            return new Cst(null, comments, diagnostics, locs);
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
                errors.putIfAbsent(t.getStartIndex(), Diagnostic.error(Code.SYNTAX, locs.of(t), msg));
            }
        });
        PolicyParser.FileContext tree = parser.file();
        List<Diagnostic> diagnostics = new ArrayList<>(errors.values());
        diagnostics.sort(Diagnostic.ORDER);
        return new Cst(tree, comments, diagnostics, locs);
    }

    /** How deep parentheses, brackets and chains of 'not' may nest; no policy a person writes comes close. */
    static final int MAX_NESTING = 100;

    /**
     * The first token at which conditions and lists nest deeper than {@link #MAX_NESTING}, or null.
     * Each open parenthesis or bracket is a level, and so is each 'not' of a chain still open
     * around it ({@code not not (} is three), which is how the parser recurses.
     */
    private static Token tooDeep(List<Token> tokens) {
        Deque<Integer> open = new ArrayDeque<>(); // the levels each unclosed ( or [ opened, its nots included
        int depth = 0;
        int nots = 0;
        for (Token t : tokens) {
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            switch (t.getType()) {
                case PolicyLexer.NOT -> nots++;
                case PolicyLexer.LPAREN, PolicyLexer.LBRACKET -> {
                    open.push(nots + 1);
                    depth += nots + 1;
                    nots = 0;
                }
                case PolicyLexer.RPAREN, PolicyLexer.RBRACKET -> {
                    depth -= open.isEmpty() ? 0 : open.pop();
                    nots = 0;
                }
                default -> nots = 0;
            }
            if (depth + nots > MAX_NESTING) {
                return t;
            }
        }
        return null;
    }

    /**
     * Locations of tokens. Lines are counted here rather than taken from ANTLR, whose lexer ends a
     * line only at {@code \n}: a file with {@code \r} line breaks would otherwise be one long line
     * 1, and diagnostics would point past the lines that {@link SourceFile#lines()} shows.
     */
    static final class TokenLocs {
        private final String file;
        /** Code-point offset at which each line starts, after {@code \n}, {@code \r\n} or {@code \r}. */
        private final int[] lineStarts;

        TokenLocs(SourceFile source) {
            this.file = source.path();
            List<Integer> starts = new ArrayList<>();
            starts.add(0);
            int[] cps = source.text().codePoints().toArray();
            for (int i = 0; i < cps.length; i++) {
                if (cps[i] == '\n' || cps[i] == '\r' && (i + 1 == cps.length || cps[i + 1] != '\n')) {
                    starts.add(i + 1);
                }
            }
            this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }

        String file() {
            return file;
        }

        Loc of(Token t) {
            int start = t.getStartIndex();
            // EOF is empty; every other token ends after its stop index.
            int end = t.getType() == Token.EOF ? start : t.getStopIndex() + 1;
            int line = lineOf(start);
            int endLine = lineOf(end);
            return new Loc(file, line + 1, start - lineStarts[line] + 1, endLine + 1, end - lineStarts[endLine] + 1,
                    start, end);
        }

        /** The 0-based line holding code-point offset {@code offset}. */
        private int lineOf(int offset) {
            // Error recovery's conjured tokens have no offset (-1); should one come here, not out of bounds.
            int i = Arrays.binarySearch(lineStarts, Math.max(0, offset));
            return i >= 0 ? i : -i - 2;
        }
    }
}
