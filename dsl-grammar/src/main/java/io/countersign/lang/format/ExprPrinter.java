package io.countersign.lang.format;

import io.countersign.lang.ast.Expr;
import io.countersign.lang.ast.Literal;
import io.countersign.lang.ast.Operand;
import io.countersign.lang.ast.Path;
import java.util.stream.Collectors;

/**
 * A condition on one line, with the parentheses its grouping needs and no others. One case per kind
 * of condition: a new kind fails to compile here until it can be printed.
 */
final class ExprPrinter implements Expr.Cases<String> {

    static final ExprPrinter INSTANCE = new ExprPrinter();

    private ExprPrinter() {
    }

    @Override
    public String and(Expr.And a) {
        return a.operands().stream().map(x -> operand(a, x)).collect(Collectors.joining(" and "));
    }

    @Override
    public String or(Expr.Or o) {
        return o.operands().stream().map(x -> operand(o, x)).collect(Collectors.joining(" or "));
    }

    @Override
    public String not(Expr.Not n) {
        Expr x = n.operand();
        return "not " + (x instanceof Expr.And || x instanceof Expr.Or ? "(" + x.accept(this) + ")" : x.accept(this));
    }

    @Override
    public String constant(Expr.Const c) {
        return Boolean.toString(c.value());
    }

    @Override
    public String has(Expr.Has h) {
        return "has " + h.path().text();
    }

    @Override
    public String inGroup(Expr.InGroup g) {
        return "requester " + (g.negated() ? "not " : "") + "in group " + Formatter.string(g.group().value());
    }

    @Override
    public String during(Expr.During d) {
        return "now during " + d.window().fold(n -> n.name().text(), i -> Formatter.window(i.window()));
    }

    @Override
    public String between(Expr.Between b) {
        return "now between " + b.from().value() + " and " + b.to().value()
                + b.zone().map(z -> " in " + Formatter.string(z.value())).orElse("");
    }

    @Override
    public String compare(Expr.Compare c) {
        return operand(c.left()) + " " + c.op().symbol() + " " + operand(c.right());
    }

    @Override
    public String in(Expr.In i) {
        return operand(i.left()) + (i.negated() ? " not in " : " in ") + operand(i.right());
    }

    @Override
    public String matches(Expr.Matches m) {
        return operand(m.left()) + (m.negated() ? " not" : "") + " matches " + (m.regex() ? "regex " : "")
                + Formatter.string(m.pattern().value());
    }

    @Override
    public String contains(Expr.Contains c) {
        String q = c.quantifier() == Expr.Quantifier.ONE ? "" : c.quantifier().keyword() + " ";
        return operand(c.left()) + " contains " + q + operand(c.right());
    }

    /** An operand of {@code parent} (an and/or): parenthesised when printing it bare would regroup it. */
    String operand(Expr parent, Expr child) {
        boolean parens = child instanceof Expr.Or || (child instanceof Expr.And && parent instanceof Expr.And);
        return parens ? "(" + child.accept(this) + ")" : child.accept(this);
    }

    private static String operand(Operand o) {
        return o instanceof Path p ? p.text() : Formatter.literal((Literal) o);
    }
}
