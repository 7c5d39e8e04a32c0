package io.countersign.store.dynamodb.testserver;

import java.util.ArrayList;
import java.util.List;

/** The tokens of an expression; an unexpected character is DynamoDB's "Invalid character encountered". */
final class Lexer {

    enum Kind { WORD, NAME_REF, VALUE_REF, NUMBER, SYMBOL, EOF }

    record Token(Kind kind, String text, int at) {
        boolean is(String symbolOrWord) {
            return (kind == Kind.SYMBOL || kind == Kind.WORD) && text.equalsIgnoreCase(symbolOrWord);
        }

        /** How DynamoDB's syntax errors name a token. */
        String shown() {
            return kind == Kind.EOF ? "<EOF>" : "\"" + text + "\"";
        }
    }

    private Lexer() {
    }

    static List<Token> tokens(String text, String expression) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#' || c == ':') {
                int end = word(text, i + 1);
                if (end == i + 1) {
                    throw syntax(expression, "\"" + c + "\"", text);
                }
                out.add(new Token(c == '#' ? Kind.NAME_REF : Kind.VALUE_REF, text.substring(i, end), i));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = word(text, i);
                out.add(new Token(Kind.WORD, text.substring(i, end), i));
                i = end;
            } else if (Character.isDigit(c)) {
                int end = i;
                while (end < text.length() && Character.isDigit(text.charAt(end))) {
                    end++;
                }
                out.add(new Token(Kind.NUMBER, text.substring(i, end), i));
                i = end;
            } else if (text.startsWith("<>", i) || text.startsWith("<=", i) || text.startsWith(">=", i)) {
                out.add(new Token(Kind.SYMBOL, text.substring(i, i + 2), i));
                i += 2;
            } else if ("=<>(),.[]+-".indexOf(c) >= 0) {
                out.add(new Token(Kind.SYMBOL, String.valueOf(c), i));
                i++;
            } else {
                throw DynamoError.validation("Invalid " + expression + ": Invalid character encountered; character: \"" + c
                        + "\", near: \"" + text + "\"");
            }
        }
        out.add(new Token(Kind.EOF, "", text.length()));
        return out;
    }

    private static int word(String text, int from) {
        int end = from;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        return end;
    }

    static DynamoError syntax(String expression, String token, String near) {
        return DynamoError.validation("Invalid " + expression + ": Syntax error; token: " + token + ", near: \"" + near + "\"");
    }
}
