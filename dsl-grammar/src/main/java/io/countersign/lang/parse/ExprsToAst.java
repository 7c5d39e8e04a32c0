package io.countersign.lang.parse;

import io.countersign.lang.ast.Expr;
import io.countersign.lang.ast.Literal;
import io.countersign.lang.ast.Loc;
import io.countersign.lang.ast.Name;
import io.countersign.lang.ast.Operand;
import io.countersign.lang.ast.Path;
import io.countersign.lang.ast.Window;
import io.countersign.lang.grammar.PolicyLexer;
import io.countersign.lang.grammar.PolicyParser.*;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.Token;

/**
 * Builds conditions from the parse tree: connectives, predicates, their operands and paths, and the windows
 * ({@code weekdays 08:00-18:00}) that a predicate or a window declaration writes.
 */
final class ExprsToAst {

    private final AstLocs locs;
    private final LiteralsToAst literals;

    ExprsToAst(AstLocs locs, LiteralsToAst literals) {
        this.locs = locs;
        this.literals = literals;
    }

    Expr expr(ExprContext ctx) {
        if (ctx.andExpr().size() == 1) {
            return and(ctx.andExpr(0));
        }
        List<Expr> operands = new ArrayList<>();
        for (AndExprContext a : ctx.andExpr()) {
            operands.add(and(a));
        }
        return new Expr.Or(operands, locs.loc(ctx));
    }

    private Expr and(AndExprContext ctx) {
        if (ctx.notExpr().size() == 1) {
            return not(ctx.notExpr(0));
        }
        List<Expr> operands = new ArrayList<>();
        for (NotExprContext n : ctx.notExpr()) {
            operands.add(not(n));
        }
        return new Expr.And(operands, locs.loc(ctx));
    }

    private Expr not(NotExprContext ctx) {
        if (ctx instanceof NegationContext n) {
            return new Expr.Not(not(n.notExpr()), locs.loc(ctx));
        }
        return predicate(((AtomContext) ctx).predicate());
    }

    private Expr predicate(PredicateContext ctx) {
        Loc loc = locs.loc(ctx);
        if (ctx instanceof ParenPredicateContext p) {
            return expr(p.expr());
        } else if (ctx instanceof HasPredicateContext h) {
            return new Expr.Has(path(h.path()), loc);
        } else if (ctx instanceof InGroupPredicateContext g) {
            return new Expr.InGroup(g.NOT() != null, literals.string(g.STRING()), loc);
        } else if (ctx instanceof DuringPredicateContext d) {
            Expr.WindowRef ref = d.NAME() != null
                    ? new Expr.WindowRef.Named(new Name(d.NAME().getText(), locs.loc(d.NAME().getSymbol())),
                            locs.loc(d.NAME().getSymbol()))
                    : new Expr.WindowRef.Inline(window(d.window()), locs.loc(d.window()));
            return new Expr.During(ref, loc);
        } else if (ctx instanceof BetweenPredicateContext b) {
            Optional<Literal.Str> zone = Optional.ofNullable(b.STRING()).map(literals::string);
            return new Expr.Between(literals.date(b.DATE(0)), literals.date(b.DATE(1)), zone, loc);
        } else if (ctx instanceof ComparePredicateContext c) {
            return new Expr.Compare(operand(c.operand(0)), compareOp(c.op), operand(c.operand(1)), loc);
        } else if (ctx instanceof InPredicateContext i) {
            Operand right = i.list() != null ? literals.list(i.list()) : path(i.path());
            return new Expr.In(operand(i.operand()), i.NOT() != null, right, loc);
        } else if (ctx instanceof MatchesPredicateContext m) {
            return new Expr.Matches(operand(m.operand()), m.NOT() != null, m.REGEX() != null, literals.string(m.STRING()),
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
        return ctx.path() != null ? path(ctx.path()) : literals.literal(ctx.literal());
    }

    Path path(PathContext ctx) {
        List<String> fields = new ArrayList<>();
        for (SegmentContext s : ctx.segment()) {
            fields.add(s.getText());
        }
        return new Path(ctx.root.getText(), fields, locs.loc(ctx));
    }

    Window window(WindowContext ctx) {
        Window.Days days;
        DaysContext d = ctx.days();
        if (d instanceof DailyDaysContext) {
            days = new Window.Days.Daily(locs.loc(d));
        } else if (d instanceof WeekdaysDaysContext) {
            days = new Window.Days.Weekdays(locs.loc(d));
        } else if (d instanceof WeekendsDaysContext) {
            days = new Window.Days.Weekends(locs.loc(d));
        } else {
            List<Window.DayRange> ranges = new ArrayList<>();
            for (DayRangeContext r : ((ListedDaysContext) d).dayRange()) {
                ranges.add(dayRange(r));
            }
            days = new Window.Days.Listed(ranges, locs.loc(d));
        }
        Optional<Literal.Str> zone = Optional.ofNullable(ctx.STRING()).map(literals::string);
        return new Window(days, literals.time(ctx.TIME(0)), literals.time(ctx.TIME(1)), zone, locs.loc(ctx));
    }

    private Window.DayRange dayRange(DayRangeContext ctx) {
        if (ctx.DAY_RANGE() != null) {
            String[] parts = ctx.DAY_RANGE().getText().split("-");
            return new Window.DayRange(day(parts[0]), day(parts[1]), locs.loc(ctx));
        }
        DayOfWeek from = day(ctx.DAY(0).getText());
        DayOfWeek to = ctx.DAY().size() > 1 ? day(ctx.DAY(1).getText()) : from;
        return new Window.DayRange(from, to, locs.loc(ctx));
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
}
