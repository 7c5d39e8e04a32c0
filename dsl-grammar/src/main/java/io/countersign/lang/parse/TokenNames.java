package io.countersign.lang.parse;

import io.countersign.lang.grammar.PolicyLexer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/** Token kinds in the words of a policy author, not ANTLR's token names. */
final class TokenNames {

    private TokenNames() {
    }

    private static final Set<Integer> CONDITION_STARTS = Set.of(PolicyLexer.HAS, PolicyLexer.NOW, PolicyLexer.NOT,
            PolicyLexer.LPAREN, PolicyLexer.REQUESTER, PolicyLexer.NAME, PolicyLexer.BAD_NAME, PolicyLexer.STRING,
            PolicyLexer.INT, PolicyLexer.DECIMAL, PolicyLexer.MINUS, PolicyLexer.TRUE, PolicyLexer.FALSE,
            PolicyLexer.DURATION, PolicyLexer.TIME, PolicyLexer.DATE, PolicyLexer.LBRACKET, PolicyLexer.DURATION_KW,
            PolicyLexer.RISK, PolicyLexer.USER, PolicyLexer.GROUP);
    private static final Set<Integer> OPERAND_STARTS = Set.of(PolicyLexer.REQUESTER, PolicyLexer.NAME,
            PolicyLexer.BAD_NAME, PolicyLexer.STRING, PolicyLexer.INT, PolicyLexer.DECIMAL, PolicyLexer.MINUS,
            PolicyLexer.TRUE, PolicyLexer.FALSE, PolicyLexer.DURATION, PolicyLexer.TIME, PolicyLexer.DATE,
            PolicyLexer.LBRACKET, PolicyLexer.DURATION_KW, PolicyLexer.RISK, PolicyLexer.USER, PolicyLexer.GROUP);
    private static final Set<Integer> OPERATORS = Set.of(PolicyLexer.EQ, PolicyLexer.NE, PolicyLexer.LT,
            PolicyLexer.LE, PolicyLexer.GT, PolicyLexer.GE, PolicyLexer.IN, PolicyLexer.MATCHES, PolicyLexer.CONTAINS);
    private static final Set<Integer> CLAUSES = Set.of(PolicyLexer.APPEAL, PolicyLexer.ESCALATE, PolicyLexer.EXPIRE,
            PolicyLexer.ALLOW, PolicyLexer.NO, PolicyLexer.CAP, PolicyLexer.GRANT, PolicyLexer.REVIEW,
            PolicyLexer.CONDITION, PolicyLexer.STIPULATE, PolicyLexer.FOLLOW, PolicyLexer.RENEWABLE);
    private static final Set<Integer> ITEMS = Set.of(PolicyLexer.DESCRIPTION, PolicyLexer.SCOPE, PolicyLexer.DEFAULT,
            PolicyLexer.WINDOW, PolicyLexer.RISK, PolicyLexer.RULE, PolicyLexer.ALLOW);
    private static final Set<Integer> OUTCOMES = Set.of(PolicyLexer.APPROVE, PolicyLexer.DENY, PolicyLexer.REQUIRE);
    private static final Set<Integer> DAYS = Set.of(PolicyLexer.DAILY, PolicyLexer.WEEKDAYS, PolicyLexer.WEEKENDS,
            PolicyLexer.DAY, PolicyLexer.DAY_RANGE);

    /** "'{'", "a name", "end of file": what a token kind is called. */
    static String kind(int type) {
        return switch (type) {
            case Token.EOF -> "end of file";
            case PolicyLexer.NAME, PolicyLexer.BAD_NAME -> "a name";
            case PolicyLexer.STRING, PolicyLexer.UNTERMINATED_STRING -> "a string";
            case PolicyLexer.INT -> "a whole number";
            case PolicyLexer.DECIMAL -> "a number";
            case PolicyLexer.DURATION -> "a duration (like 30m or 1h30m)";
            case PolicyLexer.TIME -> "a time of day (HH:MM)";
            case PolicyLexer.DATE -> "a date (YYYY-MM-DD)";
            case PolicyLexer.DAY, PolicyLexer.DAY_RANGE -> "a day (mon, tue, ...)";
            default -> {
                String literal = PolicyLexer.VOCABULARY.getLiteralName(type);
                yield literal != null ? literal : PolicyLexer.VOCABULARY.getDisplayName(type);
            }
        };
    }

    /** How the offending token is shown: its text, quoted, or "end of file". */
    static String found(Token t) {
        if (t.getType() == Token.EOF) {
            return "end of file";
        }
        String text = t.getText();
        if (t.getType() == PolicyLexer.STRING) {
            return "string " + (text.length() > 40 ? text.substring(0, 37) + "...\"" : text);
        }
        return "'" + (text.length() > 40 ? text.substring(0, 37) + "..." : text) + "'";
    }

    static String quoteChar(String c) {
        int cp = c.codePointAt(0);
        return Character.isISOControl(cp) || Character.isWhitespace(cp)
                ? String.format("U+%04X", cp)
                : "'" + c + "'";
    }

    /**
     * What was expected, summarised: a set that holds every way a condition can start reads
     * "a condition", not twenty token names.
     */
    static String expected(IntervalSet set) {
        Set<Integer> types = new LinkedHashSet<>(set.toList());
        List<String> words = new ArrayList<>();
        if (types.containsAll(Set.of(PolicyLexer.NAME, PolicyLexer.POLICY, PolicyLexer.RULE, PolicyLexer.BAD_NAME))) {
            // a declared name: keywords are accepted there only to be reported as reserved
            return "a name";
        }
        if (types.containsAll(Set.of(PolicyLexer.HAS, PolicyLexer.NOW, PolicyLexer.LPAREN))) {
            types.removeAll(CONDITION_STARTS);
            words.add("a condition");
        } else if (types.containsAll(Set.of(PolicyLexer.STRING, PolicyLexer.INT, PolicyLexer.LBRACKET))) {
            types.removeAll(OPERAND_STARTS);
            words.add("a value or attribute");
        }
        if (types.containsAll(Set.of(PolicyLexer.EQ, PolicyLexer.IN, PolicyLexer.CONTAINS))) {
            types.removeAll(OPERATORS);
            types.remove(PolicyLexer.NOT);
            types.remove(PolicyLexer.DOT);
            words.add("an operator (==, !=, <, <=, >, >=, in, matches, contains)");
        }
        if (types.containsAll(Set.of(PolicyLexer.CAP, PolicyLexer.STIPULATE, PolicyLexer.CONDITION))) {
            types.removeAll(CLAUSES);
            words.add("a clause (cap duration, grant only, review after, condition, stipulate, follow up, renewable, "
                    + "escalate, expire, allow self-approval, no delegation, appeal)");
        }
        if (types.containsAll(ITEMS)) {
            types.removeAll(ITEMS);
            words.add("a policy item (description, scope, default, window, risk, rule, allow unsigned decisions, allow start within)");
        }
        if (types.containsAll(OUTCOMES)) {
            types.removeAll(OUTCOMES);
            words.add("an outcome (approve, deny, require approval)");
        }
        if (types.containsAll(Set.of(PolicyLexer.DAILY, PolicyLexer.DAY))) {
            types.removeAll(DAYS);
            words.add("days (daily, weekdays, weekends, mon-fri, ...)");
        }
        Set<String> rest = new LinkedHashSet<>();
        for (int t : types) {
            rest.add(kind(t));
        }
        words.addAll(rest);
        if (words.isEmpty()) {
            return "something else";
        }
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }
}
