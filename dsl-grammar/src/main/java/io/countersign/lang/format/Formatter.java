package io.countersign.lang.format;

import io.countersign.lang.ast.Approver;
import io.countersign.lang.ast.Clause;
import io.countersign.lang.ast.Comment;
import io.countersign.lang.ast.Complies;
import io.countersign.lang.ast.Expr;
import io.countersign.lang.ast.Item;
import io.countersign.lang.ast.Literal;
import io.countersign.lang.ast.Loc;
import io.countersign.lang.ast.Outcome;
import io.countersign.lang.ast.Policy;
import io.countersign.lang.ast.PolicyFile;
import io.countersign.lang.ast.Quorum;
import io.countersign.lang.ast.Stage;
import io.countersign.lang.ast.Window;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

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
 */
public final class Formatter {

    /** The column a {@code when} or {@code scope} may reach before it is split. */
    public static final int WIDTH = 80;
    private static final String INDENT = "  ";

    /**
     * One output line and the span of source it renders, used to put comments back. A line with
     * null text is a blank line.
     */
    private record Line(String text, int indent, int start, int end, int endLine, int commentIndent) {
        static Line blank() {
            return new Line(null, 0, -1, -1, -1, 0);
        }
    }

    private final List<Line> lines = new ArrayList<>();

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
        return f.render(file.comments(), source);
    }

    // ---- layout

    private void file(PolicyFile file) {
        boolean first = true;
        for (Policy p : file.policies()) {
            if (!first) {
                lines.add(Line.blank());
            }
            first = false;
            policy(p);
        }
    }

    private void policy(Policy p) {
        add(0, "policy " + p.name().text() + " {", p.loc().start(), p.name().loc().end(), p.name().loc().endLine());
        Kind previous = null;
        List<Item> items = p.items();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            Kind kind = Kind.of(item);
            if (previous != null && (kind != previous || kind == Kind.RULE)) {
                lines.add(Line.blank());
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
        closing(0, p.loc());
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
            add(in, "description " + string(d.text().value()), d.loc());
        } else if (item instanceof Item.Scope s) {
            condition(in, "scope", s.expr(), s.loc().start());
        } else if (item instanceof Item.Default d) {
            outcome(in, "default ", d.outcome(), d.loc().start());
        } else if (item instanceof Item.AllowUnsigned u) {
            add(in, "allow unsigned decisions", u.loc());
        } else if (item instanceof Item.AllowStartWithin s) {
            add(in, "allow start within " + s.within().text(), s.loc());
        } else if (item instanceof Item.WindowDecl w) {
            add(in, "window " + w.name().text() + " = " + window(w.window()), w.loc());
        } else if (item instanceof Item.Rule r) {
            rule(r);
        }
    }

    private void risk(Item.RiskFactor r, int width) {
        String name = r.name().text();
        String weight = (r.weight() < 0 ? "-" : "+") + Math.abs((long) r.weight());
        add(1, "risk " + name + " ".repeat(width - name.length() + 3) + weight + " when " + expr(r.when()), r.loc());
    }

    private void rule(Item.Rule r) {
        add(1, "rule " + r.name().text() + " {", r.loc().start(), r.name().loc().end(), r.name().loc().endLine());
        r.description().ifPresent(d -> add(2, "description " + string(d.value()), d.loc()));
        for (Complies c : r.complies()) {
            add(2, complies(c), c.loc());
        }
        r.when().ifPresent(w -> condition(2, "when", w, w.loc().start()));
        outcome(2, "then ", r.outcome(), r.outcome().loc().start());
        closing(1, r.loc());
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
        if (operands == null || in * INDENT.length() + flat.length() <= WIDTH) {
            add(in, flat, start, e.loc().end(), e.loc().endLine());
            return;
        }
        String connective = e instanceof Expr.And ? "and" : "or";
        for (int i = 0; i < operands.size(); i++) {
            Expr op = operands.get(i);
            String text = ExprPrinter.INSTANCE.operand(e, op);
            if (i == 0) {
                add(in, keyword + " " + text, start, op.loc().end(), op.loc().endLine());
            } else {
                String lead = " ".repeat(Math.max(0, keyword.length() - connective.length())) + connective;
                add(in, lead + " " + text, op.loc());
            }
        }
    }

    private void outcome(int in, String prefix, Outcome o, int start) {
        List<Line> below = new ArrayList<>();
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
                add(in, prefix + header + " " + stage(s), start, o.loc().end(), o.loc().endLine());
                return;
            }
            boolean first = true;
            for (Stage s : r.stages()) {
                below.add(line(in + 1, (first ? "" : "then ") + stage(s), s.loc()));
                first = false;
            }
        }
        for (Clause c : o.clauses()) {
            below.add(line(in + 1, clause(c), c.loc()));
        }
        if (below.isEmpty()) {
            add(in, prefix + header, start, o.loc().end(), o.loc().endLine());
            return;
        }
        int headerLine = o instanceof Outcome.Deny d ? d.reason().loc().endLine() : o.loc().line();
        add(in, prefix + header, start, headerEnd, headerLine);
        lines.addAll(below);
    }

    private String stage(Stage s) {
        String quorum = s.quorum() instanceof Quorum.Count c ? c.count() + " of" : "all of";
        return "from " + quorum + " " + approvers(s.approvers()) + s.when().map(w -> " when " + expr(w)).orElse("");
    }

    private String clause(Clause c) {
        if (c instanceof Clause.Appeal a) {
            return "appeal to " + approvers(a.to());
        } else if (c instanceof Clause.Escalate e) {
            return "escalate after " + e.after().text() + " to " + approvers(e.to());
        } else if (c instanceof Clause.Expire e) {
            return "expire after " + e.after().text();
        } else if (c instanceof Clause.AllowSelfApproval) {
            return "allow self-approval";
        } else if (c instanceof Clause.NoDelegation) {
            return "no delegation";
        } else if (c instanceof Clause.CapDuration cd) {
            return "cap duration " + cd.cap().text();
        } else if (c instanceof Clause.GrantOnly g) {
            return "grant only " + literal(g.permissions());
        } else if (c instanceof Clause.Review r) {
            return "review after " + r.after().text();
        } else if (c instanceof Clause.Condition cn) {
            return "condition " + cn.name().text() + " = " + literal(cn.value());
        } else if (c instanceof Clause.Stipulate s) {
            return "stipulate " + string(s.text().value());
        } else if (c instanceof Clause.FollowUp f) {
            return "follow up " + string(f.action().value()) + " within " + f.within().text();
        }
        return "renewable";
    }

    private static String approvers(List<Approver> approvers) {
        return approvers.stream().map(a -> {
            if (a instanceof Approver.User u) {
                return "user " + string(u.id().value());
            } else if (a instanceof Approver.Group g) {
                return "group " + string(g.name().value());
            }
            return ((Approver.FromPath) a).path().text();
        }).collect(Collectors.joining(", "));
    }

    // ---- expressions

    /** An expression on one line, with the parentheses its grouping needs and no others. */
    public static String expr(Expr e) {
        return e.accept(ExprPrinter.INSTANCE);
    }

    /** A literal as the language writes it. */
    public static String literal(Literal l) {
        if (l instanceof Literal.Str s) {
            return string(s.value());
        } else if (l instanceof Literal.Int i) {
            return Long.toString(i.value());
        } else if (l instanceof Literal.Decimal d) {
            return d.value().toPlainString();
        } else if (l instanceof Literal.Bool b) {
            return Boolean.toString(b.value());
        } else if (l instanceof Literal.Dur d) {
            return d.text();
        } else if (l instanceof Literal.Time t) {
            return t.value().toString();
        } else if (l instanceof Literal.Date d) {
            return d.value().toString();
        }
        return ((Literal.ListOf) l).elements().stream().map(Formatter::literal)
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** A string literal, escaped one way: {@code \" \\ \n \t}, other control characters as {@code \\uXXXX}. */
    public static String string(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                            || Character.getType(c) == Character.PARAGRAPH_SEPARATOR
                            || Character.getType(c) == Character.FORMAT || Character.isSurrogate(c)
                                    && !validSurrogate(value, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** A window as written: {@code mon-fri 08:00-19:00 in "Europe/Berlin"}. */
    public static String window(Window w) {
        String days;
        if (w.days() instanceof Window.Days.Daily) {
            days = "daily";
        } else if (w.days() instanceof Window.Days.Weekdays) {
            days = "weekdays";
        } else if (w.days() instanceof Window.Days.Weekends) {
            days = "weekends";
        } else {
            days = ((Window.Days.Listed) w.days()).ranges().stream()
                    .map(r -> r.single() ? day(r.from()) : day(r.from()) + "-" + day(r.to()))
                    .collect(Collectors.joining(", "));
        }
        return days + " " + w.start().value() + "-" + w.end().value()
                + w.zone().map(z -> " in " + string(z.value())).orElse("");
    }

    private static String day(DayOfWeek d) {
        return d.name().substring(0, 3).toLowerCase(java.util.Locale.ROOT);
    }

    // ---- lines and comments

    private Line line(int in, String text, Loc loc) {
        return new Line(text, in, loc.start(), loc.end(), loc.endLine(), in);
    }

    private void add(int in, String text, Loc loc) {
        lines.add(line(in, text, loc));
    }

    private void add(int in, String text, int start, int end, int endLine) {
        lines.add(new Line(text, in, start, end, endLine, in));
    }

    private void closing(int in, Loc block) {
        // A comment just before a closing brace belongs to the block's contents, so it takes their indentation.
        lines.add(new Line("}", in, block.end() - 1, block.end(), block.endLine(), in + 1));
    }

    private String render(List<Comment> comments, String source) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            if (line.text() == null) {
                out.append('\n');
                continue;
            }
            int nextStart = Integer.MAX_VALUE;
            for (int j = i + 1; j < lines.size(); j++) {
                if (lines.get(j).text() != null) {
                    nextStart = lines.get(j).start();
                    break;
                }
            }
            String pad = INDENT.repeat(line.commentIndent());
            while (next < comments.size() && comments.get(next).loc().start() < line.start()) {
                Comment c = comments.get(next++);
                out.append(pad).append(c.text().stripTrailing()).append('\n');
                if (blankAfter(c, source) && !line.text().equals("}")) {
                    out.append('\n');
                }
            }
            // Comments inside the span go above the line, but the last one, or one after the span on
            // the span's last line, stays at the end of the line.
            List<Comment> inside = new ArrayList<>();
            while (next < comments.size() && comments.get(next).loc().start() < line.end()) {
                inside.add(comments.get(next++));
            }
            Comment trailing = null;
            if (next < comments.size()) {
                Comment c = comments.get(next);
                if (c.loc().line() == line.endLine() && c.loc().start() < nextStart) {
                    trailing = c;
                    next++;
                }
            }
            if (trailing == null && !inside.isEmpty()) {
                trailing = inside.remove(inside.size() - 1);
            }
            String indent = INDENT.repeat(line.indent());
            for (Comment c : inside) {
                out.append(indent).append(c.text().stripTrailing()).append('\n');
            }
            out.append(indent).append(line.text());
            if (trailing != null) {
                out.append("  ").append(trailing.text().stripTrailing());
            }
            out.append('\n');
        }
        boolean first = true;
        while (next < comments.size()) {
            Comment c = comments.get(next++);
            if (first && out.length() > 0) {
                out.append('\n'); // comments after the last policy stand apart from it
            }
            first = false;
            out.append(c.text().stripTrailing()).append('\n');
            if (next < comments.size() && blankAfter(c, source)) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Whether the source has a blank line right after this comment. Line breaks are {@code \n},
     * {@code \r\n} or a lone {@code \r}, as the parser counts lines, so that a file formats the
     * same whichever it uses.
     */
    private static boolean blankAfter(Comment c, String source) {
        if (source.isEmpty()) {
            return false;
        }
        int i = source.offsetByCodePoints(0, Math.min(c.loc().end(), source.codePointCount(0, source.length())));
        int lineBreaks = 0;
        for (; i < source.length(); i++) {
            char ch = source.charAt(i);
            if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < source.length() && source.charAt(i + 1) == '\n') {
                    i++; // \r\n is one line break
                }
                if (++lineBreaks == 2) {
                    return true;
                }
            } else if (ch != ' ' && ch != '\t') {
                return false;
            }
        }
        return false;
    }
}
