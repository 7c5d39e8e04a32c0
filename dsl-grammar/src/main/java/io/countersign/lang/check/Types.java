package io.countersign.lang.check;

import io.countersign.lang.ast.Expr;
import io.countersign.lang.ast.Literal;
import io.countersign.lang.ast.Operand;
import io.countersign.lang.ast.Path;
import io.countersign.lang.diag.Code;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The types of operands and the type rules of the comparing conditions ({@code =}, {@code <}, {@code in},
 * {@code matches}, {@code contains}): what each side may be and whether the two sides agree.
 */
final class Types {

    private final Findings findings;

    Types(Findings findings) {
        this.findings = findings;
    }

    void compare(Expr.Compare c, Context context) {
        Type l = operand(c.left(), context);
        Type r = operand(c.right(), context);
        if (l == null || r == null) {
            return;
        }
        if (c.op().ordering()) {
            for (Operand side : List.of(c.left(), c.right())) {
                Type t = side == c.left() ? l : r;
                if (!t.isAny() && t.base() != Type.Base.NUMBER && t.base() != Type.Base.DURATION) {
                    findings.error(Code.TYPE_MISMATCH, side.loc(), "'" + c.op().symbol() + "' compares numbers or durations, not "
                            + t.describe().replaceFirst("^an? ", "") + "s");
                    return;
                }
            }
        }
        if (!l.compatible(r)) {
            Operand wrong = c.right() instanceof Literal || !(c.left() instanceof Literal) ? c.right() : c.left();
            findings.error(Code.TYPE_MISMATCH, wrong.loc(), "cannot compare " + l.describe() + " with " + r.describe());
        }
    }

    void in(Expr.In i, Context context) {
        Type l = operand(i.left(), context);
        Type r = operand(i.right(), context);
        if (l == null || r == null) {
            return;
        }
        if (l.isList()) {
            findings.error(Code.TYPE_MISMATCH, i.left().loc(), "'in' tests one value and this is " + l.describe()
                    + "; to test a list use 'contains any' or 'contains all'");
            return;
        }
        if (!r.isAny() && !r.isList()) {
            findings.error(Code.TYPE_MISMATCH, i.right().loc(), "'in' needs a list on its right, not " + r.describe());
            return;
        }
        if (r.isList() && !l.compatible(r.element())) {
            findings.error(Code.TYPE_MISMATCH, i.left().loc(), "cannot look for " + l.describe() + " in " + r.describe());
        }
    }

    void matches(Expr.Matches m, Context context) {
        Type l = operand(m.left(), context);
        if (l != null && !l.isAny() && l.base() != Type.Base.STRING) {
            findings.error(Code.TYPE_MISMATCH, m.left().loc(), "'matches' tests strings, not " + l.describe().replaceFirst("^an? ", "") + "s");
        }
        if (m.regex()) {
            try {
                Pattern.compile(m.pattern().value());
            } catch (PatternSyntaxException e) {
                findings.error(Code.INVALID_REGEX, m.pattern().loc(), "invalid regex: " + e.getDescription()
                        + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
            }
        }
    }

    void contains(Expr.Contains c, Context context) {
        Type l = operand(c.left(), context);
        Type r = operand(c.right(), context);
        if (l == null || r == null) {
            return;
        }
        boolean quantified = c.quantifier() != Expr.Quantifier.ONE;
        String op = quantified ? "'contains " + c.quantifier().keyword() + "'" : "'contains'";
        if (!l.isAny() && !l.isList() && l.base() != Type.Base.STRING) {
            findings.error(Code.TYPE_MISMATCH, c.left().loc(), op + " works on strings and lists, not " + l.describe().replaceFirst("^an? ", "") + "s");
            return;
        }
        if (quantified) {
            if (!r.isAny() && !r.isList()) {
                findings.error(Code.TYPE_MISMATCH, c.right().loc(), op + " needs a list on its right, not " + r.describe());
                return;
            }
            Type element = l.isList() ? l.element() : l.isAny() ? Type.ANY : Type.STRING;
            if (r.isList() && !element.compatible(r.element())) {
                findings.error(Code.TYPE_MISMATCH, c.right().loc(), "cannot look for " + r.describe() + " in " + l.describe());
            }
        } else {
            Type element = l.isList() ? l.element() : l.isAny() ? Type.ANY : Type.STRING;
            if (!element.compatible(r)) {
                findings.error(Code.TYPE_MISMATCH, c.right().loc(), "cannot look for " + r.describe() + " in " + l.describe()
                        + (r.isList() ? "; to test several values use 'contains any' or 'contains all'" : ""));
            }
        }
    }

    /** The operand's type, or null when it is in error (already reported). */
    private Type operand(Operand o, Context context) {
        if (o instanceof Path p) {
            return path(p, context);
        }
        Literal l = (Literal) o;
        Literal misplaced = timeOrDate(l);
        if (misplaced instanceof Literal.Time) {
            findings.error(Code.MISPLACED_LITERAL, misplaced.loc(), "a time of day can only be used in a window");
            return null;
        }
        if (misplaced instanceof Literal.Date) {
            findings.error(Code.MISPLACED_LITERAL, misplaced.loc(), "a date can only be used in 'now between'");
            return null;
        }
        return literalType(l);
    }

    Type path(Path p, Context context) {
        Attributes.Typing typing = Attributes.typeOf(p);
        if (typing instanceof Attributes.Typing.Unknown u) {
            findings.error(Code.UNKNOWN_ATTRIBUTE, p.loc(), u.message());
            return null;
        }
        if (p.root().equals("risk") && context.riskForbidden != null) {
            findings.error(Code.RISK_NOT_ALLOWED, p.loc(), context.riskForbidden);
            return null;
        }
        return ((Attributes.Typing.Typed) typing).type();
    }

    /** The first time or date literal in {@code l} (itself, or inside a list), or null. */
    private static Literal timeOrDate(Literal l) {
        if (l instanceof Literal.Time || l instanceof Literal.Date) {
            return l;
        }
        if (l instanceof Literal.ListOf list) {
            for (Literal e : list.elements()) {
                Literal found = timeOrDate(e);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** A literal's type; a list mixing types is reported and typed by its first element. */
    Type literalType(Literal l) {
        if (l instanceof Literal.Str) {
            return Type.STRING;
        } else if (l instanceof Literal.Int || l instanceof Literal.Decimal) {
            return Type.NUMBER;
        } else if (l instanceof Literal.Bool) {
            return Type.BOOL;
        } else if (l instanceof Literal.Dur) {
            return Type.DURATION;
        } else if (l instanceof Literal.Time) {
            return Type.TIME;
        } else if (l instanceof Literal.Date) {
            return Type.DATE;
        }
        Literal.ListOf list = (Literal.ListOf) l;
        Type element = null;
        for (Literal e : list.elements()) {
            Type t = literalType(e);
            if (element == null) {
                element = t;
            } else if (!element.compatible(t)) {
                findings.error(Code.TYPE_MISMATCH, e.loc(), "a list holds values of one type: this is " + t.describe() + " among "
                        + element.describe().replaceFirst("^an? ", "") + "s");
            }
        }
        return Type.listOf(element == null ? Type.ANY : element);
    }
}
