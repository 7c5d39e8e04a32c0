package io.countersign.analysis.encode;

import com.microsoft.z3.ArithExpr;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.IntSort;
import io.countersign.analysis.smt.Z3s;
import io.countersign.lang.ast.Literal;
import io.countersign.lang.ast.Operand;
import io.countersign.lang.ast.Path;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Operands as terms: the cases ({@link Val}) a path's or a literal's value may take at run time, and whether a
 * path is present ({@code has}).
 */
final class Operands {

    private final RequestSpace space;
    private final Context ctx;
    private ArithExpr<IntSort> risk;

    Operands(RequestSpace space) {
        this.space = space;
        this.ctx = space.ctx();
    }

    /** The set's risk score (0–100), for conditions that read {@code risk}. */
    void risk(ArithExpr<IntSort> risk) {
        this.risk = risk;
    }

    List<Val> cases(Operand o) {
        if (o instanceof Literal l) {
            return List.of(literal(l));
        }
        Path p = (Path) o;
        BoolExpr yes = ctx.mkTrue();
        return switch (p.root()) {
            case "requester" -> p.fields().isEmpty() ? List.of(new Val.Str(yes, space.requester, "requester", null))
                    : open(space.open(p.text()));
            case "context" -> open(space.open(p.text()));
            case "profile" -> List.of(new Val.Str(yes, space.profile, "profile", null));
            case "justification" -> List.of(new Val.Absent(ctx.mkNot(space.hasJustification)),
                    new Val.Str(space.hasJustification, space.justification, "justification", null));
            case "ticket" -> List.of(new Val.Absent(ctx.mkNot(space.hasTicket)),
                    new Val.Str(space.hasTicket, space.ticket, "ticket", null));
            case "duration" -> List.of(new Val.Dur(yes, space.duration));
            case "groups" -> List.of(new Val.Lst(yes, space.groups));
            case "permissions" -> List.of(new Val.Lst(yes, space.permissions));
            case "risk" -> List.of(new Val.Num(yes, ctx.mkMul(requireRisk(), ctx.mkInt(space.numberScale().toString()))));
            default -> throw new IllegalStateException("unknown root " + p.root());
        };
    }

    private ArithExpr<IntSort> requireRisk() {
        if (risk == null) {
            throw new IllegalStateException("risk read before it is summed");
        }
        return risk;
    }

    private List<Val> open(OpenVar v) {
        return List.of(new Val.Absent(v.is(ctx, OpenVar.ABSENT)),
                new Val.Str(v.is(ctx, OpenVar.STRING), v.string, v.path, null),
                new Val.Num(v.is(ctx, OpenVar.NUMBER), v.number),
                new Val.Bool(v.is(ctx, OpenVar.BOOLEAN), v.bool),
                new Val.Lst(v.is(ctx, OpenVar.LIST), v.list),
                new Val.MapVal(v.is(ctx, OpenVar.MAP)));
    }

    Val literal(Literal l) {
        BoolExpr yes = ctx.mkTrue();
        if (l instanceof Literal.Str s) {
            return new Val.Str(yes, Characters.literal(ctx, s.value()), null, s.value());
        } else if (l instanceof Literal.Int i) {
            return new Val.Num(yes, ctx.mkInt(scaled(BigDecimal.valueOf(i.value()))));
        } else if (l instanceof Literal.Decimal d) {
            return new Val.Num(yes, ctx.mkInt(scaled(d.value())));
        } else if (l instanceof Literal.Bool b) {
            return new Val.Bool(yes, ctx.mkBool(b.value()));
        } else if (l instanceof Literal.Dur d) {
            return new Val.Dur(yes, ctx.mkInt(d.value().toNanos()));
        } else if (l instanceof Literal.ListOf list) {
            return new Val.LitList(yes, list);
        }
        throw new IllegalStateException("a time or date is not an operand: " + l);
    }

    private String scaled(BigDecimal v) {
        return v.movePointRight(space.numberDigits()).toBigIntegerExact().toString();
    }

    /** {@code has}: present and not empty; never unknown. */
    BoolExpr has(Path p) {
        return switch (p.root()) {
            case "requester" -> p.fields().isEmpty() ? ctx.mkTrue() : present(space.open(p.text()));
            case "context" -> present(space.open(p.text()));
            case "justification" -> ctx.mkAnd(space.hasJustification,
                    ctx.mkNot(ctx.mkEq(space.justification, ctx.mkString(""))));
            case "ticket" -> ctx.mkAnd(space.hasTicket, ctx.mkNot(ctx.mkEq(space.ticket, ctx.mkString(""))));
            case "groups" -> space.groups.nonEmpty();
            case "permissions" -> space.permissions.nonEmpty();
            default -> ctx.mkTrue(); // profile, duration, risk: always there
        };
    }

    private BoolExpr present(OpenVar v) {
        List<BoolExpr> keys = new ArrayList<>();
        keys.add(v.otherKeys);
        v.children.forEach(c -> keys.add(ctx.mkNot(c.is(ctx, OpenVar.ABSENT))));
        return ctx.mkOr(ctx.mkAnd(v.is(ctx, OpenVar.STRING), ctx.mkNot(ctx.mkEq(v.string, ctx.mkString("")))),
                v.is(ctx, OpenVar.NUMBER), v.is(ctx, OpenVar.BOOLEAN),
                ctx.mkAnd(v.is(ctx, OpenVar.LIST), v.list.nonEmpty()),
                ctx.mkAnd(v.is(ctx, OpenVar.MAP), Z3s.or(ctx, keys)));
    }
}
