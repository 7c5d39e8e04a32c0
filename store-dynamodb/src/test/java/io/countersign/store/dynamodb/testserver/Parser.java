package io.countersign.store.dynamodb.testserver;

import io.countersign.store.dynamodb.testserver.Expr.Condition;
import io.countersign.store.dynamodb.testserver.Expr.Operand;
import io.countersign.store.dynamodb.testserver.Expr.Path;
import io.countersign.store.dynamodb.testserver.Lexer.Kind;
import io.countersign.store.dynamodb.testserver.Lexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses condition, key condition, update and projection expressions (Developer Guide, "Condition and
 * filter expressions, operators, and functions" for the grammar and precedence: comparisons, BETWEEN,
 * IN and functions bind tightest, then NOT, then AND, then OR; "Update expressions" for SET, REMOVE,
 * ADD, DELETE). Keywords are case-insensitive, function names are not.
 */
final class Parser {

    private static final Set<String> CONDITION_FUNCTIONS =
            Set.of("attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains");
    private static final Set<String> COMPARATORS = Set.of("=", "<>", "<", "<=", ">", ">=");
    /** Words of the grammar: never a document path, so where a path is due they are a syntax error. */
    private static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "BETWEEN", "IN");

    private final List<Token> tokens;
    private final String text;
    private final String expression;
    private final Bindings bindings;
    private int pos;

    private Parser(String text, String expression, Bindings bindings) {
        if (text.isBlank()) {
            throw DynamoError.validation("Invalid " + expression + ": The expression can not be empty;");
        }
        this.text = text;
        this.expression = expression;
        this.bindings = bindings;
        this.tokens = Lexer.tokens(text, expression);
    }

    /** A ConditionExpression (or, with {@code expression} "KeyConditionExpression", a key condition). */
    static Condition condition(String text, String expression, Bindings bindings) {
        Parser p = new Parser(text, expression, bindings);
        Condition c = p.or();
        p.expectEnd();
        return c;
    }

    static Expr.Update update(String text, Bindings bindings) {
        Parser p = new Parser(text, "UpdateExpression", bindings);
        return p.updateClauses();
    }

    static List<Path> projection(String text, Bindings bindings) {
        Parser p = new Parser(text, "ProjectionExpression", bindings);
        List<Path> out = new ArrayList<>();
        do {
            out.add(p.path());
        } while (p.accept(","));
        p.expectEnd();
        return out;
    }

    // ---- conditions ----------------------------------------------------------------------------

    private Condition or() {
        Condition c = and();
        while (accept("OR")) {
            c = new Expr.Or(c, and());
        }
        return c;
    }

    private Condition and() {
        Condition c = not();
        while (accept("AND")) {
            c = new Expr.And(c, not());
        }
        return c;
    }

    private Condition not() {
        if (accept("NOT")) {
            return new Expr.Not(not());
        }
        return primary();
    }

    private Condition primary() {
        if (accept("(")) {
            Condition c = or();
            expect(")");
            return c;
        }
        Token t = peek();
        if (t.kind() == Kind.WORD && next().is("(") && CONDITION_FUNCTIONS.contains(t.text())) {
            pos += 2;
            List<Operand> args = new ArrayList<>();
            do {
                args.add(operand());
            } while (accept(","));
            expect(")");
            return function(t.text(), args);
        }
        if (t.kind() == Kind.WORD && next().is("(") && !t.text().equals("size")) {
            throw DynamoError.validation("Invalid " + expression + ": Invalid function name; function: " + t.text());
        }
        Operand left = operand();
        if (accept("BETWEEN")) {
            Operand low = operand();
            expect("AND");
            return new Expr.Between(left, low, operand());
        }
        if (accept("IN")) {
            expect("(");
            List<Operand> options = new ArrayList<>();
            do {
                options.add(operand());
            } while (accept(","));
            expect(")");
            return new Expr.In(left, options);
        }
        Token op = peek();
        if (op.kind() != Kind.SYMBOL || !COMPARATORS.contains(op.text())) {
            throw syntax(op);
        }
        pos++;
        return new Expr.Compare(op.text(), left, operand());
    }

    private Condition function(String name, List<Operand> args) {
        int arity = name.startsWith("attribute_") && !name.equals("attribute_type") ? 1 : 2;
        if (args.size() != arity) {
            throw DynamoError.validation("Invalid " + expression + ": Incorrect number of operands for operator or function;"
                    + " operator or function: " + name + ", number of operands: " + args.size());
        }
        if (!(args.get(0) instanceof Path) && name.startsWith("attribute_")) {
            throw DynamoError.validation("Invalid " + expression + ": Operator or function requires a document path;"
                    + " operator or function: " + name);
        }
        return new Expr.Function(name, args);
    }

    /** A path, a value, or {@code size(path)}. */
    private Operand operand() {
        Token t = peek();
        if (t.kind() == Kind.VALUE_REF) {
            pos++;
            return new Expr.Literal(t.text(), bindings.value(t.text(), expression));
        }
        if (t.is("size") && next().is("(")) {
            pos += 2;
            Path p = path();
            expect(")");
            return new Expr.Size(p);
        }
        return path();
    }

    private Path path() {
        Token t = peek();
        String name;
        if (t.kind() == Kind.NAME_REF) {
            name = bindings.name(t.text(), expression);
        } else if (t.kind() == Kind.WORD && !KEYWORDS.contains(t.text().toUpperCase(java.util.Locale.ROOT))) {
            name = bindings.bare(t.text(), expression);
        } else {
            throw syntax(t);
        }
        pos++;
        if (peek().is(".") || peek().is("[")) {
            throw DynamoError.unsupported("nested document paths (" + t.text() + peek().text() + "...) in " + expression);
        }
        return new Path(name, t.text());
    }

    // ---- updates -------------------------------------------------------------------------------

    private Expr.Update updateClauses() {
        List<Expr.SetAction> set = new ArrayList<>();
        List<Path> remove = new ArrayList<>();
        List<Expr.SetChange> add = new ArrayList<>();
        List<Expr.SetChange> delete = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        while (peek().kind() != Kind.EOF) {
            Token clause = peek();
            String word = clause.text().toUpperCase(java.util.Locale.ROOT);
            if (clause.kind() != Kind.WORD || !Set.of("SET", "REMOVE", "ADD", "DELETE").contains(word)) {
                throw syntax(clause);
            }
            if (!seen.add(word)) {
                throw DynamoError.validation("Invalid UpdateExpression: The \"" + word
                        + "\" section can only be used once in an update expression;");
            }
            pos++;
            do {
                switch (word) {
                    case "SET" -> {
                        Path p = path();
                        expect("=");
                        set.add(new Expr.SetAction(p, setValue()));
                    }
                    case "REMOVE" -> remove.add(path());
                    default -> {
                        Path p = path();
                        Token v = peek();
                        if (v.kind() != Kind.VALUE_REF) {
                            throw syntax(v);
                        }
                        pos++;
                        Expr.SetChange change = new Expr.SetChange(p, new Expr.Literal(v.text(), bindings.value(v.text(),
                                expression)));
                        (word.equals("ADD") ? add : delete).add(change);
                    }
                }
            } while (accept(","));
        }
        return new Expr.Update(set, remove, add, delete);
    }

    private Operand setValue() {
        Operand left = setOperand();
        if (peek().is("+") || peek().is("-")) {
            boolean plus = peek().is("+");
            pos++;
            return new Expr.Arith(left, plus, setOperand());
        }
        return left;
    }

    private Operand setOperand() {
        Token t = peek();
        if (t.kind() == Kind.WORD && next().is("(")) {
            pos += 2;
            Operand out;
            if (t.text().equals("if_not_exists")) {
                Path p = path();
                expect(",");
                out = new Expr.IfNotExists(p, setOperand());
            } else if (t.text().equals("list_append")) {
                Operand a = setOperand();
                expect(",");
                out = new Expr.ListAppend(a, setOperand());
            } else {
                throw DynamoError.validation("Invalid UpdateExpression: Invalid function name; function: " + t.text());
            }
            expect(")");
            return out;
        }
        if (t.kind() == Kind.VALUE_REF) {
            pos++;
            return new Expr.Literal(t.text(), bindings.value(t.text(), expression));
        }
        return path();
    }

    // ---- tokens --------------------------------------------------------------------------------

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        return tokens.get(Math.min(pos + 1, tokens.size() - 1));
    }

    private boolean accept(String symbolOrWord) {
        if (peek().is(symbolOrWord)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String symbolOrWord) {
        if (!accept(symbolOrWord)) {
            throw syntax(peek());
        }
    }

    private void expectEnd() {
        if (peek().kind() != Kind.EOF) {
            throw syntax(peek());
        }
    }

    private DynamoError syntax(Token t) {
        int from = Math.max(0, t.at() - 12);
        int to = Math.min(text.length(), t.at() + t.text().length() + 12);
        return Lexer.syntax(expression, t.shown(), text.substring(from, to).strip());
    }
}
