package io.countersign.lang.parse;

import io.countersign.lang.ast.Approver;
import io.countersign.lang.ast.Clause;
import io.countersign.lang.ast.Comment;
import io.countersign.lang.ast.Complies;
import io.countersign.lang.ast.Expr;
import io.countersign.lang.ast.Item;
import io.countersign.lang.ast.Literal;
import io.countersign.lang.ast.Loc;
import io.countersign.lang.ast.Name;
import io.countersign.lang.ast.Operand;
import io.countersign.lang.ast.Outcome;
import io.countersign.lang.ast.Path;
import io.countersign.lang.ast.Policy;
import io.countersign.lang.ast.PolicyFile;
import io.countersign.lang.ast.Quorum;
import io.countersign.lang.ast.Stage;
import io.countersign.lang.ast.Window;
import io.countersign.lang.diag.Code;
import io.countersign.lang.diag.Diagnostic;
import io.countersign.lang.grammar.PolicyLexer;
import io.countersign.lang.grammar.PolicyParser;
import io.countersign.lang.grammar.PolicyParser.*;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Builds the AST from a parse tree that has no syntax errors, decoding literals on the way.
 * A malformed literal (bad escape, time out of range, number too large, duration written out of
 * order) is reported here, at the literal, and replaced by a harmless value so building goes on
 * and every such mistake in the file is reported in one run.
 */
final class CstToAst {

    private final String file;
    private final TextToCst.TokenLocs locs;
    private final List<Diagnostic> diagnostics;

    CstToAst(TextToCst.TokenLocs locs, List<Diagnostic> diagnostics) {
        this.file = locs.file();
        this.locs = locs;
        this.diagnostics = diagnostics;
    }

    PolicyFile file(FileContext ctx, List<Comment> comments) {
        List<Policy> policies = new ArrayList<>();
        for (PolicyContext p : ctx.policy()) {
            policies.add(policy(p));
        }
        return new PolicyFile(file, policies, comments);
    }

    private Policy policy(PolicyContext ctx) {
        List<Item> items = new ArrayList<>();
        for (ItemContext i : ctx.item()) {
            items.add(item(i));
        }
        return new Policy(name(ctx.name()), items, loc(ctx));
    }

    private Item item(ItemContext ctx) {
        if (ctx instanceof DescriptionItemContext d) {
            return new Item.Description(string(d.STRING()), loc(ctx));
        } else if (ctx instanceof ScopeItemContext s) {
            return new Item.Scope(expr(s.expr()), loc(ctx));
        } else if (ctx instanceof DefaultItemContext d) {
            return new Item.Default(outcome(d.outcome()), loc(ctx));
        } else if (ctx instanceof WindowItemContext w) {
            return new Item.WindowDecl(name(w.name()), window(w.window()), loc(ctx));
        } else if (ctx instanceof RiskItemContext r) {
            long magnitude = integer(r.INT());
            if (magnitude > Integer.MAX_VALUE) {
                error(Code.RISK_WEIGHT_RANGE, loc(r.INT().getSymbol()), "risk weight " + r.INT().getText()
                        + " is out of range: weights run from -100 to +100");
                magnitude = 0;
            }
            int weight = (int) magnitude;
            return new Item.RiskFactor(name(r.name()), r.sign.getType() == PolicyLexer.MINUS ? -weight : weight,
                    expr(r.expr()), loc(ctx));
        } else if (ctx instanceof UnsignedItemContext) {
            return new Item.AllowUnsigned(loc(ctx));
        } else if (ctx instanceof StartWithinItemContext s) {
            return new Item.AllowStartWithin(duration(s.DURATION()), loc(ctx));
        } else if (ctx instanceof RuleItemContext r) {
            return rule(r.ruleDecl());
        }
        throw new IllegalStateException("unhandled item " + ctx.getClass().getSimpleName());
    }

    private Item.Rule rule(RuleDeclContext ctx) {
        Optional<Literal.Str> description = Optional.ofNullable(ctx.STRING()).map(this::string);
        List<Complies> complies = new ArrayList<>();
        for (CompliesDeclContext c : ctx.compliesDecl()) {
            List<Literal.Str> controls = new ArrayList<>();
            c.STRING().forEach(s -> controls.add(string(s)));
            complies.add(new Complies(controls, loc(c)));
        }
        Optional<Expr> when = Optional.ofNullable(ctx.expr()).map(this::expr);
        return new Item.Rule(name(ctx.name()), description, complies, when, outcome(ctx.outcome()), loc(ctx));
    }

    private Outcome outcome(OutcomeContext ctx) {
        if (ctx instanceof ApproveOutcomeContext a) {
            return new Outcome.Approve(clauses(a.clause()), loc(ctx));
        } else if (ctx instanceof DenyOutcomeContext d) {
            return new Outcome.Deny(string(d.STRING()), clauses(d.clause()), loc(ctx));
        } else if (ctx instanceof RequireOutcomeContext r) {
            List<Stage> stages = new ArrayList<>();
            for (StageContext s : r.stage()) {
                stages.add(stage(s));
            }
            return new Outcome.RequireApproval(stages, clauses(r.clause()), loc(ctx));
        }
        throw new IllegalStateException("unhandled outcome " + ctx.getClass().getSimpleName());
    }

    private Stage stage(StageContext ctx) {
        Quorum quorum;
        if (ctx.quorum() instanceof CountQuorumContext c) {
            long n = integer(c.INT());
            if (n > Integer.MAX_VALUE) {
                error(Code.QUORUM, loc(c.INT().getSymbol()), "a quorum of " + c.INT().getText() + " cannot be met");
                n = 1;
            }
            quorum = new Quorum.Count((int) n, loc(c));
        } else {
            quorum = new Quorum.All(loc(ctx.quorum()));
        }
        return new Stage(quorum, approvers(ctx.approvers()), Optional.ofNullable(ctx.expr()).map(this::expr),
                loc(ctx));
    }

    private List<Approver> approvers(ApproversContext ctx) {
        List<Approver> out = new ArrayList<>();
        for (ApproverContext a : ctx.approver()) {
            if (a instanceof UserApproverContext u) {
                out.add(new Approver.User(string(u.STRING()), loc(a)));
            } else if (a instanceof GroupApproverContext g) {
                out.add(new Approver.Group(string(g.STRING()), loc(a)));
            } else if (a instanceof PathApproverContext p) {
                out.add(new Approver.FromPath(path(p.path()), loc(a)));
            }
        }
        return out;
    }

    private List<Clause> clauses(List<ClauseContext> ctxs) {
        List<Clause> out = new ArrayList<>();
        for (ClauseContext c : ctxs) {
            out.add(clause(c));
        }
        return out;
    }

    private Clause clause(ClauseContext ctx) {
        Loc loc = loc(ctx);
        if (ctx instanceof AppealClauseContext c) {
            return new Clause.Appeal(approvers(c.approvers()), loc);
        } else if (ctx instanceof EscalateClauseContext c) {
            return new Clause.Escalate(duration(c.DURATION()), approvers(c.approvers()), loc);
        } else if (ctx instanceof ExpireClauseContext c) {
            return new Clause.Expire(duration(c.DURATION()), loc);
        } else if (ctx instanceof SelfApprovalClauseContext) {
            return new Clause.AllowSelfApproval(loc);
        } else if (ctx instanceof NoDelegationClauseContext) {
            return new Clause.NoDelegation(loc);
        } else if (ctx instanceof CapClauseContext c) {
            return new Clause.CapDuration(duration(c.DURATION()), loc);
        } else if (ctx instanceof GrantOnlyClauseContext c) {
            return new Clause.GrantOnly(list(c.list()), loc);
        } else if (ctx instanceof ReviewClauseContext c) {
            return new Clause.Review(duration(c.DURATION()), loc);
        } else if (ctx instanceof ConditionClauseContext c) {
            return new Clause.Condition(name(c.name()), literal(c.literal()), loc);
        } else if (ctx instanceof StipulateClauseContext c) {
            return new Clause.Stipulate(string(c.STRING()), loc);
        } else if (ctx instanceof FollowUpClauseContext c) {
            return new Clause.FollowUp(string(c.STRING()), duration(c.DURATION()), loc);
        } else if (ctx instanceof RenewableClauseContext) {
            return new Clause.Renewable(loc);
        }
        throw new IllegalStateException("unhandled clause " + ctx.getClass().getSimpleName());
    }

    // ---- expressions

    private Expr expr(ExprContext ctx) {
        if (ctx.andExpr().size() == 1) {
            return and(ctx.andExpr(0));
        }
        List<Expr> operands = new ArrayList<>();
        for (AndExprContext a : ctx.andExpr()) {
            operands.add(and(a));
        }
        return new Expr.Or(operands, loc(ctx));
    }

    private Expr and(AndExprContext ctx) {
        if (ctx.notExpr().size() == 1) {
            return not(ctx.notExpr(0));
        }
        List<Expr> operands = new ArrayList<>();
        for (NotExprContext n : ctx.notExpr()) {
            operands.add(not(n));
        }
        return new Expr.And(operands, loc(ctx));
    }

    private Expr not(NotExprContext ctx) {
        if (ctx instanceof NegationContext n) {
            return new Expr.Not(not(n.notExpr()), loc(ctx));
        }
        return predicate(((AtomContext) ctx).predicate());
    }

    private Expr predicate(PredicateContext ctx) {
        Loc loc = loc(ctx);
        if (ctx instanceof ParenPredicateContext p) {
            return expr(p.expr());
        } else if (ctx instanceof HasPredicateContext h) {
            return new Expr.Has(path(h.path()), loc);
        } else if (ctx instanceof InGroupPredicateContext g) {
            return new Expr.InGroup(g.NOT() != null, string(g.STRING()), loc);
        } else if (ctx instanceof DuringPredicateContext d) {
            Expr.WindowRef ref = d.NAME() != null
                    ? new Expr.WindowRef.Named(new Name(d.NAME().getText(), loc(d.NAME().getSymbol())),
                            loc(d.NAME().getSymbol()))
                    : new Expr.WindowRef.Inline(window(d.window()), loc(d.window()));
            return new Expr.During(ref, loc);
        } else if (ctx instanceof BetweenPredicateContext b) {
            Optional<Literal.Str> zone = Optional.ofNullable(b.STRING()).map(this::string);
            return new Expr.Between(date(b.DATE(0)), date(b.DATE(1)), zone, loc);
        } else if (ctx instanceof ComparePredicateContext c) {
            return new Expr.Compare(operand(c.operand(0)), compareOp(c.op), operand(c.operand(1)), loc);
        } else if (ctx instanceof InPredicateContext i) {
            Operand right = i.list() != null ? list(i.list()) : path(i.path());
            return new Expr.In(operand(i.operand()), i.NOT() != null, right, loc);
        } else if (ctx instanceof MatchesPredicateContext m) {
            return new Expr.Matches(operand(m.operand()), m.NOT() != null, m.REGEX() != null, string(m.STRING()),
                    loc);
        } else if (ctx instanceof ContainsPredicateContext c) {
            Expr.Quantifier q = c.q == null ? Expr.Quantifier.ONE
                    : c.q.getType() == PolicyLexer.ANY ? Expr.Quantifier.ANY : Expr.Quantifier.ALL;
            return new Expr.Contains(operand(c.operand(0)), q, operand(c.operand(1)), loc);
        } else if (ctx instanceof ConstPredicateContext c) {
            return new Expr.Const(c.TRUE() != null, loc);
        }
        throw new IllegalStateException("unhandled predicate " + ctx.getClass().getSimpleName());
    }

    private static Expr.CompareOp compareOp(Token op) {
        return switch (op.getType()) {
            case PolicyLexer.EQ -> Expr.CompareOp.EQ;
            case PolicyLexer.NE -> Expr.CompareOp.NE;
            case PolicyLexer.LT -> Expr.CompareOp.LT;
            case PolicyLexer.LE -> Expr.CompareOp.LE;
            case PolicyLexer.GT -> Expr.CompareOp.GT;
            default -> Expr.CompareOp.GE;
        };
    }

    private Operand operand(OperandContext ctx) {
        return ctx.path() != null ? path(ctx.path()) : literal(ctx.literal());
    }

    private Path path(PathContext ctx) {
        List<String> fields = new ArrayList<>();
        for (SegmentContext s : ctx.segment()) {
            fields.add(s.getText());
        }
        return new Path(ctx.root.getText(), fields, loc(ctx));
    }

    // ---- literals

    private Literal literal(LiteralContext ctx) {
        Loc loc = loc(ctx);
        if (ctx instanceof StringLiteralContext s) {
            return string(s.STRING());
        } else if (ctx instanceof IntLiteralContext i) {
            // The sign is part of the number, so the most negative long is a number too.
            String text = (i.MINUS() != null ? "-" : "") + i.INT().getText();
            try {
                return new Literal.Int(Long.parseLong(text), loc);
            } catch (NumberFormatException e) {
                error(Code.NUMBER_TOO_LARGE, loc, "number too large: " + text);
                return new Literal.Int(0, loc);
            }
        } else if (ctx instanceof DecimalLiteralContext d) {
            BigDecimal v = new BigDecimal(d.DECIMAL().getText());
            return new Literal.Decimal(d.MINUS() != null ? v.negate() : v, loc);
        } else if (ctx instanceof BoolLiteralContext b) {
            return new Literal.Bool(b.TRUE() != null, loc);
        } else if (ctx instanceof DurationLiteralContext d) {
            return duration(d.DURATION());
        } else if (ctx instanceof TimeLiteralContext t) {
            return time(t.TIME());
        } else if (ctx instanceof DateLiteralContext d) {
            return date(d.DATE());
        } else if (ctx instanceof ListLiteralContext l) {
            return list(l.list());
        }
        throw new IllegalStateException("unhandled literal " + ctx.getClass().getSimpleName());
    }

    private Literal.ListOf list(ListContext ctx) {
        List<Literal> elements = new ArrayList<>();
        for (LiteralContext l : ctx.literal()) {
            elements.add(literal(l));
        }
        return new Literal.ListOf(elements, loc(ctx));
    }

    private Literal.Str string(TerminalNode node) {
        Token t = node.getSymbol();
        Loc loc = loc(t);
        String text = t.getText();
        int[] cps = text.codePoints().toArray();
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < cps.length - 1; i++) {
            int c = cps[i];
            if (c != '\\') {
                out.appendCodePoint(c);
                continue;
            }
            int e = i + 1 < cps.length - 1 ? cps[i + 1] : -1;
            switch (e) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'u' -> {
                    String hex = i + 6 <= cps.length - 1 ? new String(cps, i + 2, 4) : "";
                    if (hex.matches("[0-9A-Fa-f]{4}")) {
                        out.append((char) Integer.parseInt(hex, 16));
                        i += 4;
                    } else {
                        error(Code.BAD_ESCAPE, at(loc, i, Math.min(cps.length - 1, i + 6)),
                                "\\u must be followed by four hexadecimal digits");
                    }
                }
                default -> error(Code.BAD_ESCAPE, at(loc, i, i + 2), "unknown escape "
                        + (e < 0 ? "\\" : "\\" + new String(Character.toChars(e)))
                        + " in string; the escapes are \\\" \\\\ \\n \\t and \\uXXXX");
            }
            i++;
        }
        return new Literal.Str(out.toString(), loc);
    }

    private long integer(TerminalNode node) {
        try {
            return Long.parseLong(node.getText());
        } catch (NumberFormatException e) {
            error(Code.NUMBER_TOO_LARGE, loc(node.getSymbol()), "number too large: " + node.getText());
            return 0;
        }
    }

    private Literal.Dur duration(TerminalNode node) {
        Loc loc = loc(node.getSymbol());
        String text = node.getText();
        try {
            return new Literal.Dur(DurationText.parse(text), text, loc);
        } catch (IllegalArgumentException e) {
            error(Code.BAD_DURATION, loc, e.getMessage());
            return new Literal.Dur(java.time.Duration.ofSeconds(1), text, loc);
        }
    }

    private Literal.Time time(TerminalNode node) {
        Loc loc = loc(node.getSymbol());
        String text = node.getText();
        if (text.indexOf(':') != 2) {
            error(Code.BAD_TIME, loc, "times of day are written HH:MM with two-digit hours, like 08:00");
            return new Literal.Time(LocalTime.MIDNIGHT, loc);
        }
        int h = Integer.parseInt(text.substring(0, 2));
        int m = Integer.parseInt(text.substring(3));
        if (h > 23 || m > 59) {
            error(Code.BAD_TIME, loc, "time of day out of range: " + text + " (times run from 00:00 to 23:59)");
            return new Literal.Time(LocalTime.MIDNIGHT, loc);
        }
        return new Literal.Time(LocalTime.of(h, m), loc);
    }

    private Literal.Date date(TerminalNode node) {
        Loc loc = loc(node.getSymbol());
        try {
            return new Literal.Date(LocalDate.parse(node.getText()), loc);
        } catch (DateTimeException e) {
            error(Code.BAD_DATE, loc, "not a date: " + node.getText());
            // null, not a made-up date: the checker skips comparisons with it instead of reporting
            // errors the author did not make.
            return new Literal.Date(null, loc);
        }
    }

    // ---- windows

    private Window window(WindowContext ctx) {
        Window.Days days;
        DaysContext d = ctx.days();
        if (d instanceof DailyDaysContext) {
            days = new Window.Days.Daily(loc(d));
        } else if (d instanceof WeekdaysDaysContext) {
            days = new Window.Days.Weekdays(loc(d));
        } else if (d instanceof WeekendsDaysContext) {
            days = new Window.Days.Weekends(loc(d));
        } else {
            List<Window.DayRange> ranges = new ArrayList<>();
            for (DayRangeContext r : ((ListedDaysContext) d).dayRange()) {
                ranges.add(dayRange(r));
            }
            days = new Window.Days.Listed(ranges, loc(d));
        }
        Optional<Literal.Str> zone = Optional.ofNullable(ctx.STRING()).map(this::string);
        return new Window(days, time(ctx.TIME(0)), time(ctx.TIME(1)), zone, loc(ctx));
    }

    private Window.DayRange dayRange(DayRangeContext ctx) {
        if (ctx.DAY_RANGE() != null) {
            String[] parts = ctx.DAY_RANGE().getText().split("-");
            return new Window.DayRange(day(parts[0]), day(parts[1]), loc(ctx));
        }
        DayOfWeek from = day(ctx.DAY(0).getText());
        DayOfWeek to = ctx.DAY().size() > 1 ? day(ctx.DAY(1).getText()) : from;
        return new Window.DayRange(from, to, loc(ctx));
    }

    private static DayOfWeek day(String name) {
        return switch (name) {
            case "mon" -> DayOfWeek.MONDAY;
            case "tue" -> DayOfWeek.TUESDAY;
            case "wed" -> DayOfWeek.WEDNESDAY;
            case "thu" -> DayOfWeek.THURSDAY;
            case "fri" -> DayOfWeek.FRIDAY;
            case "sat" -> DayOfWeek.SATURDAY;
            default -> DayOfWeek.SUNDAY;
        };
    }

    // ---- names and locations

    private Name name(NameContext ctx) {
        return new Name(ctx.getText(), loc(ctx));
    }

    private Loc loc(ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop() != null && ctx.getStop().getTokenIndex() >= start.getTokenIndex()
                ? ctx.getStop() : start;
        return Loc.span(loc(start), loc(stop));
    }

    private Loc loc(Token t) {
        return locs.of(t);
    }

    /** The code points {@code from..to} of a single-line token at {@code loc}. */
    private static Loc at(Loc loc, int from, int to) {
        return new Loc(loc.file(), loc.line(), loc.column() + from, loc.line(), loc.column() + to, loc.start() + from,
                loc.start() + to);
    }

    private void error(Code code, Loc loc, String message) {
        diagnostics.add(Diagnostic.error(code, loc, message));
    }
}
