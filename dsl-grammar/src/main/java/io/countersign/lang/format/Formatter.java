package io.countersign.lang.format;

import io.countersign.lang.ast.Clause;
import io.countersign.lang.ast.Complies;
import io.countersign.lang.ast.Expr;
import io.countersign.lang.ast.Item;
import io.countersign.lang.ast.Literal;
import io.countersign.lang.ast.Outcome;
import io.countersign.lang.ast.Policy;
import io.countersign.lang.ast.PolicyFile;
import io.countersign.lang.ast.Stage;
import io.countersign.lang.ast.Window;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a policy file in the canonical layout:
 *
 * <ul>
 *   <li>two spaces of indentation; one blank line between policies;
 *   <li>in a policy, description, scope and default together at the top, then a blank line between
 *       items of different kinds, consecutive windows and risk factors kept together, and a blank
 *       line around every rule;
 *   <li>risk factors of a run aligned on their weights;
 *   <li>a {@code when} or {@code scope} longer than {@value #WIDTH} columns is split at its top-level
 *       {@code and}/{@code or}, one operand a line, the connective right-aligned under the keyword;
 *   <li>an outcome's stages and clauses one a line below it, except an outcome that is a single
 *       stage, which stays on its line;
 *   <li>literals as written, except strings, which are re-escaped in one way.
 * </ul>
 *
 * <p>Comments are put back by position: a comment before a line stays on its own line before it; a
 * comment at the end of a line stays at the end of that line; comments inside what becomes one line
 * move to their own lines just above it. The layout depends only on the AST and where comments sit
 * relative to it, which is why formatting is idempotent.
 *
 * <p>This class lays out the items; {@link Layout} holds the lines and puts the comments back,
 * {@link OutcomeText} writes stages and clauses, {@link ExprPrinter} conditions and {@link LiteralText} literals.
 */
public final class Formatter {

    /** The column a {@code when} or {@code scope} may reach before it is split. */
    public static final int WIDTH = 80;

    private final Layout layout = new Layout();

    private Formatter() {
    }

    /** Formats a file without comments (an AST made by a program). */
    public static String format(PolicyFile file) {
        return format(file, "");
    }

    /** Formats a file; {@code source} is the text it was parsed from, used to keep blank lines after comments. */
    public static String format(PolicyFile file, String source) {
        Formatter f = new Formatter();
        f.file(file);
        return f.layout.render(file.comments(), source);
    }

    // ---- layout

    private void file(PolicyFile file) {
        boolean first = true;
        for (Policy p : file.policies()) {
            if (!first) {
                layout.blank();
            }
            first = false;
            policy(p);
        }
    }

    private void policy(Policy p) {
        layout.add(0, "policy " + p.name().text() + " {", p.loc().start(), p.name().loc().end(), p.name().loc().endLine());
        Kind previous = null;
        List<Item> items = p.items();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            Kind kind = Kind.of(item);
            if (previous != null && (kind != previous || kind == Kind.RULE)) {
                layout.blank();
            }
            previous = kind;
            if (item instanceof Item.RiskFactor) {
                int end = i;
                while (end < items.size() && items.get(end) instanceof Item.RiskFactor) {
                    end++;
                }
                int width = 0;
                for (int j = i; j < end; j++) {
                    width = Math.max(width, ((Item.RiskFactor) items.get(j)).name().text().length());
                }
                for (int j = i; j < end; j++) {
                    risk((Item.RiskFactor) items.get(j), width);
                }
                i = end - 1;
                continue;
            }
            item(item);
        }
        layout.closing(0, p.loc());
    }

    /** Items of one kind stay together; a change of kind, and every rule, gets a blank line. */
    private enum Kind {
        HEADER, WINDOW, RISK, RULE;

        static Kind of(Item item) {
            if (item instanceof Item.WindowDecl) {
                return WINDOW;
            } else if (item instanceof Item.RiskFactor) {
                return RISK;
            } else if (item instanceof Item.Rule) {
                return RULE;
            }
            return HEADER;
        }
    }

    private void item(Item item) {
        int in = 1;
        if (item instanceof Item.Description d) {
            layout.add(in, "description " + string(d.text().value()), d.loc());
        } else if (item instanceof Item.Scope s) {
            condition(in, "scope", s.expr(), s.loc().start());
        } else if (item instanceof Item.Default d) {
            outcome(in, "default ", d.outcome(), d.loc().start());
        } else if (item instanceof Item.AllowUnsigned u) {
            layout.add(in, "allow unsigned decisions", u.loc());
        } else if (item instanceof Item.AllowStartWithin s) {
            layout.add(in, "allow start within " + s.within().text(), s.loc());
        } else if (item instanceof Item.WindowDecl w) {
            layout.add(in, "window " + w.name().text() + " = " + window(w.window()), w.loc());
        } else if (item instanceof Item.Rule r) {
            rule(r);
        }
    }

    private void risk(Item.RiskFactor r, int width) {
        String name = r.name().text();
        String weight = (r.weight() < 0 ? "-" : "+") + Math.abs((long) r.weight());
        layout.add(1, "risk " + name + " ".repeat(width - name.length() + 3) + weight + " when " + expr(r.when()), r.loc());
    }

    private void rule(Item.Rule r) {
        layout.add(1, "rule " + r.name().text() + " {", r.loc().start(), r.name().loc().end(), r.name().loc().endLine());
        r.description().ifPresent(d -> layout.add(2, "description " + string(d.value()), d.loc()));
        for (Complies c : r.complies()) {
            layout.add(2, complies(c), c.loc());
        }
        r.when().ifPresent(w -> condition(2, "when", w, w.loc().start()));
        outcome(2, "then ", r.outcome(), r.outcome().loc().start());
        layout.closing(1, r.loc());
    }

    /** A {@code complies} line as written: its controls in order, on one line. */
    public static String complies(Complies c) {
        StringBuilder out = new StringBuilder("complies");
        c.controls().forEach(s -> out.append(' ').append(string(s.value())));
        return out.toString();
    }

    /** {@code when}/{@code scope}: one line, or one operand a line when too wide. */
    private void condition(int in, String keyword, Expr e, int start) {
        String flat = keyword + " " + expr(e);
        List<Expr> operands = e instanceof Expr.And a ? a.operands() : e instanceof Expr.Or o ? o.operands() : null;
        if (operands == null || in * Layout.INDENT.length() + flat.length() <= WIDTH) {
            layout.add(in, flat, start, e.loc().end(), e.loc().endLine());
            return;
        }
        String connective = e instanceof Expr.And ? "and" : "or";
        for (int i = 0; i < operands.size(); i++) {
            Expr op = operands.get(i);
            String text = ExprPrinter.INSTANCE.operand(e, op);
            if (i == 0) {
                layout.add(in, keyword + " " + text, start, op.loc().end(), op.loc().endLine());
            } else {
                String lead = " ".repeat(Math.max(0, keyword.length() - connective.length())) + connective;
                layout.add(in, lead + " " + text, op.loc());
            }
        }
    }

    private void outcome(int in, String prefix, Outcome o, int start) {
        List<Layout.Line> below = new ArrayList<>();
        String header;
        int headerEnd;
        if (o instanceof Outcome.Approve) {
            header = "approve";
            headerEnd = start + 1;
        } else if (o instanceof Outcome.Deny d) {
            header = "deny " + string(d.reason().value());
            headerEnd = d.reason().loc().end();
        } else {
            Outcome.RequireApproval r = (Outcome.RequireApproval) o;
            header = "require approval";
            headerEnd = start + 1;
            if (r.stages().size() == 1 && r.clauses().isEmpty()) {
                Stage s = r.stages().get(0);
                layout.add(in, prefix + header + " " + OutcomeText.stage(s), start, o.loc().end(), o.loc().endLine());
                return;
            }
            boolean first = true;
            for (Stage s : r.stages()) {
                below.add(layout.line(in + 1, (first ? "" : "then ") + OutcomeText.stage(s), s.loc()));
                first = false;
            }
        }
        for (Clause c : o.clauses()) {
            below.add(layout.line(in + 1, OutcomeText.clause(c), c.loc()));
        }
        if (below.isEmpty()) {
            layout.add(in, prefix + header, start, o.loc().end(), o.loc().endLine());
            return;
        }
        int headerLine = o instanceof Outcome.Deny d ? d.reason().loc().endLine() : o.loc().line();
        layout.add(in, prefix + header, start, headerEnd, headerLine);
        layout.addAll(below);
    }

    // ---- expressions

    /** An expression on one line, with the parentheses its grouping needs and no others. */
    public static String expr(Expr e) {
        return e.accept(ExprPrinter.INSTANCE);
    }

    /** A literal as the language writes it. */
    public static String literal(Literal l) {
        return LiteralText.literal(l);
    }

    /** A string literal, escaped one way: {@code \" \\ \n \t}, other control characters as {@code \\uXXXX}. */
    public static String string(String value) {
        return LiteralText.string(value);
    }

    /** A window as written: {@code mon-fri 08:00-19:00 in "Europe/Berlin"}. */
    public static String window(Window w) {
        return LiteralText.window(w);
    }
}
