package io.countersign.lsp.features;

import io.countersign.lang.grammar.PolicyLexer;
import io.countersign.lang.grammar.PolicyParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Which tokens the grammar allows next after some tokens: each candidate is appended and the result
 * parsed with the language's own parser, stopping at the first error. A candidate is allowed when the
 * parser fails no earlier than the end of the text, which the parser's error detection at the first
 * token no alternative can take makes exact.
 */
final class Viable {

    /** Every keyword, each a token type with a literal spelling. */
    static final List<Integer> KEYWORDS;

    static {
        List<Integer> k = new ArrayList<>();
        for (int type = 1; type <= PolicyLexer.VOCABULARY.getMaxTokenType(); type++) {
            String literal = PolicyLexer.VOCABULARY.getLiteralName(type);
            if (literal != null && Character.isLetter(literal.charAt(1))) {
                k.add(type);
            }
        }
        KEYWORDS = List.copyOf(k);
    }

    /** Token kinds that are not keywords but decide what else completion offers. */
    static final List<Integer> OTHERS = List.of(PolicyLexer.NAME, PolicyLexer.STRING, PolicyLexer.DAY);

    private Viable() {
    }

    static String spelling(int type) {
        String literal = PolicyLexer.VOCABULARY.getLiteralName(type);
        return literal == null ? PolicyLexer.VOCABULARY.getSymbolicName(type) : literal.substring(1, literal.length() - 1);
    }

    /** The candidates among keywords and {@link #OTHERS} that may follow {@code prefix}. */
    static Set<Integer> after(List<Token> prefix) {
        Set<Integer> out = new LinkedHashSet<>();
        for (int type : KEYWORDS) {
            if (allows(prefix, type)) {
                out.add(type);
            }
        }
        for (int type : OTHERS) {
            if (allows(prefix, type)) {
                out.add(type);
            }
        }
        return out;
    }

    static boolean allows(List<Token> prefix, int type) {
        List<Token> tokens = new ArrayList<>(prefix.size() + 2);
        for (Token t : prefix) {
            tokens.add(copy(t.getType(), t.getText(), tokens.size()));
        }
        int candidate = tokens.size();
        tokens.add(copy(type, text(type), candidate));
        tokens.add(copy(Token.EOF, "<EOF>", candidate + 1));
        PolicyParser parser = new PolicyParser(new CommonTokenStream(new ListTokenSource(tokens)));
        parser.removeErrorListeners();
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            parser.file();
            return true;
        } catch (ParseCancellationException e) {
            Token offending = e.getCause() instanceof RecognitionException r ? r.getOffendingToken()
                    : parser.getCurrentToken();
            return offending != null && offending.getTokenIndex() > candidate;
        } catch (RecognitionException e) {
            return e.getOffendingToken() != null && e.getOffendingToken().getTokenIndex() > candidate;
        }
    }

    private static String text(int type) {
        return switch (type) {
            case PolicyLexer.NAME -> "x";
            case PolicyLexer.STRING -> "\"x\"";
            case PolicyLexer.DAY -> "mon";
            default -> spelling(type);
        };
    }

    private static Token copy(int type, String text, int index) {
        CommonToken t = new CommonToken(type, text);
        t.setTokenIndex(index);
        t.setLine(1);
        t.setStartIndex(index);
        t.setStopIndex(index);
        return t;
    }
}
