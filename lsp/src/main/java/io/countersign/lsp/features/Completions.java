package io.countersign.lsp.features;

import io.countersign.lang.ast.Path;
import io.countersign.lang.ast.Policy;
import io.countersign.lang.grammar.PolicyLexer;
import io.countersign.lsp.symbols.AstWalk;
import io.countersign.lsp.workspace.Analysis;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Completion in a policy file: the keywords the grammar allows at the cursor, attribute paths where
 * an operand may start, the enclosing policy's windows after {@code now during}, and group names, user
 * ids and time zones inside the strings that take them. Works on the text as typed, which is seldom
 * a file that parses: only the current policy's text before the cursor is read, from its last rule on.
 */
public final class Completions {

    /** Longest run of tokens the grammar is asked about; past it, every keyword is offered. */
    private static final int MAX_TOKENS = 4_000;
    private static final Pattern POLICY_LINE = Pattern.compile("(?m)^[ \\t]*policy\\b");

    private Completions() {
    }

    public static List<CompletionItem> at(Analysis a, String text, int offset, Ranges ranges) {
        if (inComment(text, offset)) {
            return List.of();
        }
        int from = policyStart(text, offset);
        // The policy's head, then its text from the last line that starts a rule: all the grammar needs,
        // and bounded by one rule however large the policy.
        int tail = lastRuleLine(text, from, offset);
        List<Token> tokens = new ArrayList<>();
        if (tail > from) {
            int brace = text.indexOf('{', from);
            tokens.addAll(lex(text.substring(from, brace >= 0 && brace < tail ? brace + 1 : tail)));
        }
        List<Token> rest = lex(text.substring(tail, offset));
        tokens.addAll(rest);
        Map<String, CompletionItem> items = new LinkedHashMap<>();
        int replaceFrom = offset;
        Token last = rest.isEmpty() ? null : rest.get(rest.size() - 1);
        int prefixLength = text.codePointCount(tail, offset);
        if (last != null && last.getStopIndex() + 1 == prefixLength) {
            if (last.getType() == PolicyLexer.UNTERMINATED_STRING) {
                tokens.remove(tokens.size() - 1);
                int to = offset < text.length() && text.charAt(offset) == '"' ? offset + 1 : offset;
                strings(a, text, from, tokens, ranges.range(tail + charIndex(text, tail, last.getStartIndex()), to),
                        items);
                return List.copyOf(items.values());
            }
            if (wordLike(last.getType())) {
                tokens.remove(tokens.size() - 1);
                replaceFrom = offset - last.getText().length();
            }
        }
        Range replace = ranges.range(replaceFrom, offset);
        List<Token> prefix = restart(tokens);
        Token previous = prefix.isEmpty() ? null : prefix.get(prefix.size() - 1);
        Set<Integer> viable = prefix.size() > MAX_TOKENS ? new TreeSet<>(Viable.KEYWORDS) : Viable.after(prefix);
        int prevType = previous == null ? -1 : previous.getType();
        if (prevType == PolicyLexer.DOT) {
            fields(a, prefix, replace, items);
            return List.copyOf(items.values());
        }
        if (viable.contains(PolicyLexer.NAME)) {
            if (prevType == PolicyLexer.DURING) {
                for (String w : windows(text, from)) {
                    add(items, w, CompletionItemKind.Variable, "window", w, replace, "0");
                }
            } else if (!Set.of(PolicyLexer.POLICY, PolicyLexer.RULE, PolicyLexer.WINDOW, PolicyLexer.CONDITION,
                    PolicyLexer.RISK).contains(prevType)) {
                Attributes.ROOTS.forEach((root, meaning) -> add(items, root, CompletionItemKind.Field,
                        "attribute", root, replace, "1"));
            }
        }
        if (viable.contains(PolicyLexer.STRING) && (prevType == PolicyLexer.GROUP || prevType == PolicyLexer.USER
                || prevType == PolicyLexer.IN)) {
            strings(a, text, from, tokens, replace, items);
            if (prevType != PolicyLexer.IN) {
                // user and group may also start a path (user.name), which the checker rejects: the author
                // who typed them means a name.
                return List.copyOf(items.values());
            }
        }
        if (viable.contains(PolicyLexer.DAY)) {
            for (String d : List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun", "mon-fri")) {
                add(items, d, CompletionItemKind.EnumMember, "day", d, replace, "2");
            }
        }
        for (int type : viable) {
            if (Viable.KEYWORDS.contains(type)) {
                String word = Viable.spelling(type);
                if (!items.containsKey(word)) {
                    add(items, word, CompletionItemKind.Keyword, "keyword", word, replace, "3");
                }
            }
        }
        return List.copyOf(items.values());
    }

    /** Converts string indices of the document to protocol ranges. */
    public interface Ranges {
        Range range(int from, int to);
    }

    private static void strings(Analysis a, String text, int from, List<Token> before, Range replace,
            Map<String, CompletionItem> items) {
        Token previous = before.isEmpty() ? null : before.get(before.size() - 1);
        int type = previous == null ? -1 : previous.getType();
        if (type == PolicyLexer.GROUP) {
            Set<String> groups = new TreeSet<>(a.directory().groups());
            a.policies().values().forEach(f -> f.ast().ifPresent(ast -> AstWalk.walk(ast, new AstWalk.Visitor() {
                @Override
                public void approver(Policy p, io.countersign.lang.ast.Approver approver) {
                    if (approver instanceof io.countersign.lang.ast.Approver.Group g) {
                        groups.add(g.name().value());
                    }
                }

                @Override
                public void inGroup(Policy p, io.countersign.lang.ast.Expr.InGroup test) {
                    groups.add(test.group().value());
                }
            })));
            groups.forEach(g -> add(items, g, CompletionItemKind.Value, "group", quote(g), replace, "0"));
        } else if (type == PolicyLexer.USER) {
            a.directory().users().forEach(u -> add(items, u, CompletionItemKind.Value, "user", quote(u), replace, "0"));
        } else if (type == PolicyLexer.IN) {
            new TreeSet<>(ZoneId.getAvailableZoneIds()).forEach(z -> add(items, z, CompletionItemKind.Value,
                    "time zone", quote(z), replace, "0"));
        }
    }

    private static void fields(Analysis a, List<Token> prefix, Range replace, Map<String, CompletionItem> items) {
        if (prefix.size() < 2) {
            return;
        }
        String root = prefix.get(prefix.size() - 2).getText();
        Set<String> names = new TreeSet<>();
        if (root.equals("requester")) {
            names.addAll(a.directory().attributeNames());
        }
        a.policies().values().forEach(f -> f.ast().ifPresent(ast -> AstWalk.walk(ast, new AstWalk.Visitor() {
            @Override
            public void path(Policy p, Path path) {
                if (path.root().equals(root) && !path.fields().isEmpty()) {
                    names.add(path.fields().get(0));
                }
            }
        })));
        names.forEach(n -> add(items, n, CompletionItemKind.Field, root + "." + n, n, replace, "0"));
    }

    /** The windows declared in the policy that starts at {@code from}, wherever in it they are. */
    private static Set<String> windows(String text, int from) {
        Matcher next = POLICY_LINE.matcher(text);
        int end = next.find(from + 1) ? next.start() : text.length();
        Matcher m = WINDOW_LINE.matcher(text).region(from, end);
        Set<String> out = new TreeSet<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static final Pattern WINDOW_LINE = Pattern.compile("(?m)^[ \\t]*window[ \\t]+([A-Za-z_][A-Za-z0-9_-]*)[ \\t]*=");
    private static final Pattern RULE_LINE = Pattern.compile("(?m)^[ \\t]*rule\\b");

    /** Where the last line before {@code offset} that starts with {@code rule} begins, or {@code from}. */
    private static int lastRuleLine(String text, int from, int offset) {
        Matcher m = RULE_LINE.matcher(text).region(from, offset);
        int at = from;
        while (m.find()) {
            at = m.start();
        }
        return at;
    }

    /** The tokens the grammar needs to tell what may come next: the policy's head and its last rule on. */
    static List<Token> restart(List<Token> tokens) {
        int depth = 0;
        int lastRule = -1;
        int lbrace = -1;
        for (int i = 0; i < tokens.size(); i++) {
            int type = tokens.get(i).getType();
            if (type == PolicyLexer.LBRACE) {
                depth++;
                if (depth == 1 && lbrace < 0) {
                    lbrace = i;
                }
            } else if (type == PolicyLexer.RBRACE) {
                depth--;
            } else if (type == PolicyLexer.RULE && depth == 1) {
                lastRule = i;
            }
        }
        if (lastRule < 0 || lbrace < 0 || tokens.get(0).getType() != PolicyLexer.POLICY) {
            return tokens;
        }
        List<Token> out = new ArrayList<>(tokens.subList(0, lbrace + 1));
        out.addAll(tokens.subList(lastRule, tokens.size()));
        return out;
    }

    /** Whether the cursor is in a comment: lexing its line up to it ends in one. */
    private static boolean inComment(String text, int offset) {
        int lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
        PolicyLexer lexer = new PolicyLexer(CharStreams.fromString(text.substring(lineStart, offset)));
        lexer.removeErrorListeners();
        Token last = null;
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            last = t;
        }
        return last != null && last.getType() == PolicyLexer.COMMENT;
    }

    private static int policyStart(String text, int offset) {
        Matcher m = POLICY_LINE.matcher(text);
        int start = 0;
        int at = 0;
        while (at < offset && m.find(at) && m.start() < offset) {
            start = m.start();
            at = m.end();
        }
        return start;
    }

    /** The default-channel tokens of {@code text}, EOF excluded. */
    static List<Token> lex(String text) {
        PolicyLexer lexer = new PolicyLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<Token> out = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                out.add(t);
            }
        }
        return out;
    }

    private static boolean wordLike(int type) {
        return type == PolicyLexer.NAME || type == PolicyLexer.BAD_NAME || type == PolicyLexer.DAY
                || type == PolicyLexer.DAY_RANGE || Viable.KEYWORDS.contains(type);
    }

    /** The string index of code-point index {@code cp} of the text that starts at {@code from}. */
    private static int charIndex(String text, int from, int cp) {
        return text.offsetByCodePoints(from, cp) - from;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static void add(Map<String, CompletionItem> items, String label, CompletionItemKind kind, String detail,
            String insert, Range replace, String order) {
        CompletionItem item = new CompletionItem(label);
        item.setKind(kind);
        item.setDetail(detail);
        item.setSortText(order + label);
        item.setFilterText(insert);
        item.setTextEdit(Either.forLeft(new TextEdit(replace, insert)));
        items.putIfAbsent(label, item);
    }
}
