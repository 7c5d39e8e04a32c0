package io.countersign.analysis.encode;

import com.microsoft.z3.ArithExpr;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.CharSort;
import com.microsoft.z3.Context;
import com.microsoft.z3.IntSort;
import com.microsoft.z3.ReExpr;
import com.microsoft.z3.SeqSort;
import io.countersign.analysis.smt.TriTerm;
import io.countersign.analysis.smt.Z3s;
import io.countersign.engine.eval.CompiledWindow;
import io.countersign.engine.eval.Interpreter;
import io.countersign.engine.eval.Tri;
import io.countersign.engine.json.DurationValues;
import io.countersign.lang.ast.Expr;
import io.countersign.lang.ast.Literal;
import io.countersign.lang.ast.Operand;
import io.countersign.lang.ast.Path;
import io.countersign.lang.ast.Window;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A condition as a {@link TriTerm} over the request space, predicate by predicate as {@code eval/Ops}
 * decides it: each operand is split into the kinds its value may have at run time, and each pair of
 * kinds gets the answer {@code Ops} gives it — a comparison, a membership, a regular-expression test,
 * or unknown (absent values, mismatched kinds). Predicates whose operands are all literals are folded
 * by the engine's own interpreter. What the core cannot express becomes {@link Opaque}.
 */
public final class ConditionEncoder {

    private final RequestSpace space;
    private final Context ctx;
    private final List<Opaque> opaque;
    private final Map<Expr, TriTerm> opaqueTerms = new IdentityHashMap<>();
    private ArithExpr<IntSort> risk;

    public ConditionEncoder(RequestSpace space, List<Opaque> opaque) {
        this.space = space;
        this.ctx = space.ctx();
        this.opaque = opaque;
    }

    /** The set's risk score (0–100), for conditions that read {@code risk}. */
    public void risk(ArithExpr<IntSort> risk) {
        this.risk = risk;
    }

    public TriTerm encode(Expr e, Map<String, Window> windows) {
        return e.accept(new Encoding(windows));
    }

    /** Each kind of condition as a term: a new kind fails to compile here until it is encoded. */
    private final class Encoding implements Expr.Cases<TriTerm> {
        private final Map<String, Window> windows;

        Encoding(Map<String, Window> windows) {
            this.windows = windows;
        }

        @Override
        public TriTerm and(Expr.And a) {
            return TriTerm.and(ctx, a.operands().stream().map(x -> x.accept(this)).toList());
        }

        @Override
        public TriTerm or(Expr.Or o) {
            return TriTerm.or(ctx, o.operands().stream().map(x -> x.accept(this)).toList());
        }

        @Override
        public TriTerm not(Expr.Not n) {
            return n.operand().accept(this).not();
        }

        @Override
        public TriTerm constant(Expr.Const c) {
            return TriTerm.constant(ctx, c.value());
        }

        @Override
        public TriTerm has(Expr.Has h) {
            return TriTerm.of(ctx, ConditionEncoder.this.has(h.path()));
        }

        @Override
        public TriTerm inGroup(Expr.InGroup g) {
            TriTerm in = TriTerm.of(ctx, space.groups.has(g.group().value()));
            return g.negated() ? in.not() : in;
        }

        @Override
        public TriTerm during(Expr.During d) {
            CompiledWindow cw = CompiledWindow.of(d.window().resolve(windows));
            return TriTerm.of(ctx, space.instant.during(cw.zone(), cw.days(), cw.start(), cw.end()));
        }

        @Override
        public TriTerm between(Expr.Between b) {
            long[] range = Interpreter.range(b);
            return TriTerm.of(ctx, space.instant.between(range[0], range[1]));
        }

        @Override
        public TriTerm compare(Expr.Compare c) {
            if (literals(c.left(), c.right())) {
                return folded(c);
            }
            List<Val> l = cases(c.left());
            List<Val> r = cases(c.right());
            return switch (c.op()) {
                case EQ -> over(l, r, (a, b) -> eq(a, b, c));
                case NE -> over(l, r, (a, b) -> eq(a, b, c)).not();
                default -> over(l, r, (a, b) -> order(a, b, c.op(), c));
            };
        }

        @Override
        public TriTerm in(Expr.In i) {
            if (literals(i.left(), i.right())) {
                return folded(i);
            }
            TriTerm in = over(cases(i.left()), cases(i.right()), (a, b) -> ConditionEncoder.this.in(a, b, i));
            return i.negated() ? in.not() : in;
        }

        @Override
        public TriTerm matches(Expr.Matches m) {
            if (!(m.left() instanceof Path)) {
                return folded(m);
            }
            TriTerm t = over(cases(m.left()), List.of(new Val.Absent(ctx.mkTrue())),
                    (a, unused) -> ConditionEncoder.this.matches(a, m));
            return m.negated() ? t.not() : t;
        }

        @Override
        public TriTerm contains(Expr.Contains c) {
            if (literals(c.left(), c.right())) {
                return folded(c);
            }
            List<Val> l = cases(c.left());
            List<Val> r = cases(c.right());
            return switch (c.quantifier()) {
                case ONE -> over(l, r, (a, b) -> ConditionEncoder.this.contains(a, b, c));
                case ANY -> over(l, r, (a, b) -> quantified(a, b, true, c));
                case ALL -> over(l, r, (a, b) -> quantified(a, b, false, c));
            };
        }

        private static boolean literals(Operand left, Operand right) {
            return !(left instanceof Path) && !(right instanceof Path);
        }

        /** A predicate of literals only, decided by the engine's own interpreter. */
        private TriTerm folded(Expr e) {
            int t = Interpreter.predicate(e, windows, null);
            return t == Tri.UNKNOWN ? TriTerm.unknown(ctx) : TriTerm.constant(ctx, t == Tri.TRUE);
        }
    }

    /** Combines the answers for every pair of cases, each under both cases' guards. */
    private TriTerm over(List<Val> as, List<Val> bs, BiFunction<Val, Val, TriTerm> f) {
        List<BoolExpr> t = new ArrayList<>();
        List<BoolExpr> fl = new ArrayList<>();
        for (Val a : as) {
            for (Val b : bs) {
                TriTerm r = f.apply(a, b);
                BoolExpr g = ctx.mkAnd(a.guard(), b.guard());
                t.add(ctx.mkAnd(g, r.isTrue()));
                fl.add(ctx.mkAnd(g, r.isFalse()));
            }
        }
        return new TriTerm(Z3s.or(ctx, t), Z3s.or(ctx, fl));
    }

    private TriTerm unknown() {
        return TriTerm.unknown(ctx);
    }

    private TriTerm opaque(Expr predicate, String reason) {
        return opaqueTerms.computeIfAbsent(predicate, p -> {
            opaque.add(new Opaque(p.loc(), io.countersign.lang.format.Formatter.expr(p), reason));
            int n = opaque.size();
            BoolExpr t = ctx.mkBoolConst("opaque#" + n + "#true");
            BoolExpr f = ctx.mkBoolConst("opaque#" + n + "#false");
            space.constrain(ctx.mkNot(ctx.mkAnd(t, f)));
            return new TriTerm(t, f);
        });
    }

    // ---- operands

    private List<Val> cases(Operand o) {
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

    private Val literal(Literal l) {
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

    // ---- predicates, case by case (eval/Ops)

    private TriTerm eq(Val a, Val b, Expr at) {
        if (a instanceof Val.Absent || b instanceof Val.Absent) {
            return unknown();
        }
        if (a instanceof Val.Dur || b instanceof Val.Dur) {
            Val.Dur d = a instanceof Val.Dur x ? x : (Val.Dur) b;
            Val other = a instanceof Val.Dur ? b : a;
            if (other instanceof Val.Dur o) {
                return TriTerm.of(ctx, ctx.mkEq(d.nanos(), o.nanos()));
            }
            if (other instanceof Val.Str s) {
                return durationString(s, at, nanos -> ctx.mkEq(d.nanos(), nanos));
            }
            return unknown();
        }
        if (a instanceof Val.Num x && b instanceof Val.Num y) {
            return TriTerm.of(ctx, ctx.mkEq(x.scaled(), y.scaled()));
        }
        if (a instanceof Val.Str x && b instanceof Val.Str y) {
            return TriTerm.of(ctx, ctx.mkEq(x.value(), y.value()));
        }
        if (a instanceof Val.Bool x && b instanceof Val.Bool y) {
            return TriTerm.of(ctx, ctx.mkEq(x.value(), y.value()));
        }
        boolean aList = a instanceof Val.Lst || a instanceof Val.LitList;
        boolean bList = b instanceof Val.Lst || b instanceof Val.LitList;
        if (aList && bList) {
            return opaque(at, "lists compared as sequences");
        }
        if (a instanceof Val.MapVal && b instanceof Val.MapVal) {
            return opaque(at, "maps compared");
        }
        return unknown();
    }

    /** A string compared with a duration: a literal is read now; a request's string is outside the core. */
    private TriTerm durationString(Val.Str s, Expr at, java.util.function.Function<ArithExpr<IntSort>, BoolExpr> test) {
        if (s.literal() == null) {
            return opaque(at, "a request's string read as a duration");
        }
        Duration parsed = DurationValues.of(s.literal());
        return parsed == null ? unknown() : TriTerm.of(ctx, test.apply(ctx.mkInt(parsed.toNanos())));
    }

    private TriTerm order(Val a, Val b, Expr.CompareOp op, Expr at) {
        if (a instanceof Val.Absent || b instanceof Val.Absent) {
            return unknown();
        }
        if (a instanceof Val.Num x && b instanceof Val.Num y) {
            return TriTerm.of(ctx, compare(x.scaled(), y.scaled(), op));
        }
        if (a instanceof Val.Dur x && b instanceof Val.Dur y) {
            return TriTerm.of(ctx, compare(x.nanos(), y.nanos(), op));
        }
        if (a instanceof Val.Dur x && b instanceof Val.Str s) {
            return durationString(s, at, n -> compare(x.nanos(), n, op));
        }
        if (a instanceof Val.Str s && b instanceof Val.Dur y) {
            return durationString(s, at, n -> compare(n, y.nanos(), op));
        }
        return unknown();
    }

    private BoolExpr compare(ArithExpr<IntSort> x, ArithExpr<IntSort> y, Expr.CompareOp op) {
        return switch (op) {
            case LT -> ctx.mkLt(x, y);
            case LE -> ctx.mkLe(x, y);
            case GT -> ctx.mkGt(x, y);
            case GE -> ctx.mkGe(x, y);
            case EQ -> ctx.mkEq(x, y);
            case NE -> ctx.mkNot(ctx.mkEq(x, y));
        };
    }

    private TriTerm in(Val a, Val list, Expr at) {
        if (a instanceof Val.Absent || a instanceof Val.Lst || a instanceof Val.LitList) {
            return unknown();
        }
        if (list instanceof Val.LitList l) {
            return anyEqual(a, l.list(), at);
        }
        if (list instanceof Val.Lst l) {
            return member(l.list(), a, at);
        }
        return unknown();
    }

    /** Some element equals {@code a} (true), or none does (false: unknown elements count as no). */
    private TriTerm anyEqual(Val a, Literal.ListOf list, Expr at) {
        List<BoolExpr> any = new ArrayList<>();
        for (Literal e : list.elements()) {
            any.add(eq(a, literal(e), at).isTrue());
        }
        return TriTerm.of(ctx, Z3s.or(ctx, any));
    }

    /** Whether the request's list holds {@code a}; its members are strings, so nothing else is ever one. */
    private TriTerm member(ListVar list, Val a, Expr at) {
        if (a instanceof Val.Str s) {
            return TriTerm.of(ctx, s.literal() != null ? list.has(s.literal()) : list.has(s.key(), s.value()));
        }
        if (a instanceof Val.Dur) {
            return opaque(at, "a duration looked up among strings read as durations");
        }
        return TriTerm.constant(ctx, false);
    }

    private TriTerm contains(Val a, Val b, Expr at) {
        if (a instanceof Val.Absent || b instanceof Val.Absent) {
            return unknown();
        }
        if (a instanceof Val.Str x) {
            return b instanceof Val.Str y ? TriTerm.of(ctx, ctx.mkContains(x.value(), y.value())) : unknown();
        }
        boolean bList = b instanceof Val.Lst || b instanceof Val.LitList;
        if (a instanceof Val.Lst l) {
            return bList ? unknown() : member(l.list(), b, at);
        }
        if (a instanceof Val.LitList l) {
            if (bList) {
                return unknown();
            }
            List<BoolExpr> any = new ArrayList<>();
            for (Literal e : l.list().elements()) {
                any.add(eq(literal(e), b, at).isTrue());
            }
            return TriTerm.of(ctx, Z3s.or(ctx, any));
        }
        return unknown();
    }

    /** {@code contains any} (or {@code all}) a list: Kleene or (and) over its elements. */
    private TriTerm quantified(Val a, Val list, boolean any, Expr at) {
        if (a instanceof Val.Absent || list instanceof Val.Absent) {
            return unknown();
        }
        if (!(a instanceof Val.Str || a instanceof Val.Lst || a instanceof Val.LitList)) {
            return unknown();
        }
        if (list instanceof Val.Lst) {
            return opaque(at, "contains any/all of a list the request holds");
        }
        if (!(list instanceof Val.LitList l)) {
            return unknown();
        }
        List<TriTerm> parts = new ArrayList<>();
        for (Literal e : l.list().elements()) {
            parts.add(e instanceof Literal.ListOf ? unknown() : contains(a, literal(e), at));
        }
        return any ? TriTerm.or(ctx, parts) : TriTerm.and(ctx, parts);
    }

    private TriTerm matches(Val a, Expr.Matches m) {
        if (!(a instanceof Val.Str s)) {
            return unknown();
        }
        if (!m.regex()) {
            return TriTerm.of(ctx, ctx.mkInRe(s.value(), Patterns.glob(ctx, m.pattern().value())));
        }
        Optional<ReExpr<SeqSort<CharSort>>> re = Patterns.regex(ctx, m.pattern().value());
        if (re.isEmpty()) {
            return opaque(m, "a regex beyond the regular subset (docs/analysis.md)");
        }
        return TriTerm.of(ctx, ctx.mkInRe(s.value(), re.get()));
    }

    /** {@code has}: present and not empty; never unknown. */
    private BoolExpr has(Path p) {
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
