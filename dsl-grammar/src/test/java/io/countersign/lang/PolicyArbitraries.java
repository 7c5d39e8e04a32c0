package io.countersign.lang;

import io.countersign.lang.ast.Approver;
import io.countersign.lang.ast.Clause;
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
import io.countersign.lang.check.Attributes;
import io.countersign.lang.check.Names;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCases;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Random, syntactically valid policy ASTs: every item, outcome, clause, stage, approver, quorum,
 * expression and literal kind, positions {@link Loc#NONE}. "Syntactically valid" means the
 * formatter can write the tree and the parser reads back the same tree; the trees are not meant
 * to pass the checker (unknown attributes, type errors and duplicate names are all fair game).
 *
 * <p>What the language cannot write is not generated: an integer of {@link Long#MIN_VALUE} (its
 * magnitude is not a long), a decimal of scale 0 (it would read back as an integer), dates
 * outside years 0000-9999, durations over the 100-year limit, names that are reserved words or
 * that lex as a day range ({@code mon-fri}), and {@code in} with a right-hand side other than a
 * list or a path.
 */
final class PolicyArbitraries {

    private static final Loc NONE = Loc.NONE;
    private static final Pattern DAY_RANGE =
            Pattern.compile("(mon|tue|wed|thu|fri|sat|sun)-(mon|tue|wed|thu|fri|sat|sun)");

    /** Deepest nesting of and/or/not above a predicate. */
    static final int MAX_DEPTH = 4;

    private PolicyArbitraries() {
    }

    // ---- files, policies, items

    static Arbitrary<PolicyFile> files() {
        return policies().list().ofMaxSize(3).map(ps -> new PolicyFile("gen.policy", ps, List.of()));
    }

    static Arbitrary<Policy> policies() {
        return combine(names(), items().list().ofMaxSize(8))
                .as((n, items) -> new Policy(name(n), items, NONE));
    }

    static Arbitrary<Item> items() {
        Arbitrary<Item> description = strings().map(s -> new Item.Description(str(s), NONE));
        Arbitrary<Item> scope = exprs(MAX_DEPTH).map(e -> new Item.Scope(e, NONE));
        Arbitrary<Item> dflt = outcomes().map(o -> new Item.Default(o, NONE));
        Arbitrary<Item> window = combine(names(), windows())
                .as((n, w) -> new Item.WindowDecl(name(n), w, NONE));
        Arbitrary<Item> risk = combine(names(), weights(), exprs(MAX_DEPTH))
                .as((n, w, e) -> new Item.RiskFactor(name(n), w, e, NONE));
        Arbitrary<Item> unsigned = Arbitraries.just(new Item.AllowUnsigned(NONE));
        Arbitrary<Item> startWithin = durations().map(d -> new Item.AllowStartWithin(d, NONE));
        return weighted(List.of(Tuple.of(1, description), Tuple.of(1, scope), Tuple.of(1, dflt), Tuple.of(1, unsigned),
                Tuple.of(1, startWithin),
                Tuple.of(2, window), Tuple.of(2, risk), Tuple.of(4, rules())));
    }

    static Arbitrary<Item> rules() {
        Arbitrary<Tuple2<java.util.Optional<Literal.Str>, List<Complies>>> header =
                combine(strings().map(PolicyArbitraries::str).optional(), complies()).as(Tuple::of);
        return combine(names(), header, exprs(MAX_DEPTH).optional(), outcomes())
                .as((n, h, w, o) -> new Item.Rule(name(n), h.get1(), h.get2(), w, o, NONE));
    }

    /** A rule's {@code complies} lines: mostly none, else one or two of up to three controls (none is a checker error, not a syntax one). */
    static Arbitrary<List<Complies>> complies() {
        Arbitrary<Complies> line = strings().map(PolicyArbitraries::str).list().ofMaxSize(3)
                .map(cs -> new Complies(cs, NONE));
        return weighted(List.of(Tuple.of(3, Arbitraries.just(List.<Complies>of())),
                Tuple.of(2, line.list().ofMinSize(1).ofMaxSize(2))));
    }

    /** Risk weights: mostly in range, sometimes any int but MIN_VALUE (its magnitude is no int). */
    static Arbitrary<Integer> weights() {
        return weighted(List.of(Tuple.of(4, Arbitraries.integers().between(-100, 100)),
                Tuple.of(1, Arbitraries.integers().between(-Integer.MAX_VALUE, Integer.MAX_VALUE))));
    }

    // ---- outcomes, stages, clauses

    static Arbitrary<Outcome> outcomes() {
        Arbitrary<List<Clause>> clauses = clauses().list().ofMaxSize(4);
        Arbitrary<Outcome> approve = clauses.map(cs -> new Outcome.Approve(cs, NONE));
        Arbitrary<Outcome> deny = combine(strings(), clauses)
                .as((r, cs) -> new Outcome.Deny(str(r), cs, NONE));
        Arbitrary<Outcome> require = combine(stages().list().ofMinSize(1).ofMaxSize(3), clauses)
                .as((ss, cs) -> new Outcome.RequireApproval(ss, cs, NONE));
        return oneOf(List.of(approve, deny, require));
    }

    static Arbitrary<Stage> stages() {
        return combine(quorums(), approvers(), exprs(MAX_DEPTH - 1).optional(0.3))
                .as((q, as, w) -> new Stage(q, as, w, NONE));
    }

    static Arbitrary<Quorum> quorums() {
        Arbitrary<Quorum> count = weighted(List.of(Tuple.of(5, Arbitraries.integers().between(0, 5)),
                        Tuple.of(1, Arbitraries.integers().between(0, Integer.MAX_VALUE))))
                .map(n -> new Quorum.Count(n, NONE));
        return weighted(List.of(Tuple.of(3, count), Tuple.of(1, Arbitraries.just(new Quorum.All(NONE)))));
    }

    static Arbitrary<List<Approver>> approvers() {
        Arbitrary<Approver> user = strings().map(s -> new Approver.User(str(s), NONE));
        Arbitrary<Approver> group = strings().map(s -> new Approver.Group(str(s), NONE));
        Arbitrary<Approver> path = paths().map(p -> new Approver.FromPath(p, NONE));
        return oneOf(List.of(user, group, path)).list().ofMinSize(1).ofMaxSize(3);
    }

    static Arbitrary<Clause> clauses() {
        Arbitrary<Clause> appeal = approvers().map(as -> new Clause.Appeal(as, NONE));
        Arbitrary<Clause> escalate = combine(durations(), approvers())
                .as((d, as) -> new Clause.Escalate(d, as, NONE));
        Arbitrary<Clause> expire = durations().map(d -> new Clause.Expire(d, NONE));
        Arbitrary<Clause> self = Arbitraries.just(new Clause.AllowSelfApproval(NONE));
        Arbitrary<Clause> noDelegation = Arbitraries.just(new Clause.NoDelegation(NONE));
        Arbitrary<Clause> cap = durations().map(d -> new Clause.CapDuration(d, NONE));
        Arbitrary<Clause> grantOnly = lists(2).map(l -> new Clause.GrantOnly(l, NONE));
        Arbitrary<Clause> review = durations().map(d -> new Clause.Review(d, NONE));
        Arbitrary<Clause> condition = combine(names(), literals(2))
                .as((n, l) -> new Clause.Condition(name(n), l, NONE));
        Arbitrary<Clause> stipulate = strings().map(s -> new Clause.Stipulate(str(s), NONE));
        Arbitrary<Clause> followUp = combine(strings(), durations())
                .as((s, d) -> new Clause.FollowUp(str(s), d, NONE));
        Arbitrary<Clause> renewable = Arbitraries.just(new Clause.Renewable(NONE));
        return oneOf(List.of(appeal, escalate, expire, self, noDelegation, cap, grantOnly, review,
                condition, stipulate, followUp, renewable));
    }

    // ---- expressions

    /** Expressions with at most {@code depth} levels of and/or/not above the predicates. */
    static Arbitrary<Expr> exprs(int depth) {
        return Cache.EXPRS.get(depth);
    }

    private static Arbitrary<Expr> makeExprs(int depth, Arbitrary<Expr> sub) {
        Arbitrary<Expr> and = sub.list().ofMinSize(2).ofMaxSize(3).map(os -> new Expr.And(os, NONE));
        Arbitrary<Expr> or = sub.list().ofMinSize(2).ofMaxSize(3).map(os -> new Expr.Or(os, NONE));
        Arbitrary<Expr> not = sub.map(e -> new Expr.Not(e, NONE));
        return weighted(List.of(Tuple.of(5, predicates()), Tuple.of(2, and), Tuple.of(2, or), Tuple.of(1, not)));
    }

    static Arbitrary<Expr> predicates() {
        Arbitrary<Expr> constant = Arbitraries.of(true, false).map(b -> new Expr.Const(b, NONE));
        Arbitrary<Expr> has = paths().map(p -> new Expr.Has(p, NONE));
        Arbitrary<Expr> inGroup = combine(Arbitraries.of(true, false), strings())
                .as((n, g) -> new Expr.InGroup(n, str(g), NONE));
        Arbitrary<Expr.WindowRef> named = names().map(n -> new Expr.WindowRef.Named(name(n), NONE));
        Arbitrary<Expr.WindowRef> inline = windows().map(w -> new Expr.WindowRef.Inline(w, NONE));
        Arbitrary<Expr> during = oneOf(List.of(named, inline)).map(w -> new Expr.During(w, NONE));
        Arbitrary<Expr> between = combine(dates(), dates(), zones().optional())
                .as((f, t, z) -> new Expr.Between(f, t, z.map(PolicyArbitraries::str), NONE));
        Arbitrary<Expr> compare = combine(operands(), Arbitraries.of(Expr.CompareOp.class), operands())
                .as((l, op, r) -> new Expr.Compare(l, op, r, NONE));
        // The grammar takes only a list or a path on the right of 'in'.
        Arbitrary<Operand> inRight = oneOf(List.of(lists(2), paths()));
        Arbitrary<Expr> in = combine(operands(), Arbitraries.of(true, false), inRight)
                .as((l, n, r) -> new Expr.In(l, n, r, NONE));
        Arbitrary<Expr> matches = combine(operands(), Arbitraries.of(true, false),
                        Arbitraries.of(true, false), patterns())
                .as((l, n, re, p) -> new Expr.Matches(l, n, re, str(p), NONE));
        Arbitrary<Expr> contains = combine(operands(), Arbitraries.of(Expr.Quantifier.class), operands())
                .as((l, q, r) -> new Expr.Contains(l, q, r, NONE));
        return oneOf(List.of(constant, has, inGroup, during, between, compare, in, matches, contains));
    }

    static Arbitrary<Operand> operands() {
        return weighted(List.of(Tuple.of(1, paths()), Tuple.of(1, literals(2))));
    }

    static Arbitrary<String> patterns() {
        return weighted(List.of(Tuple.of(1, Arbitraries.of("prod-*", "db-?", "^[a-z]+$", "(a|b", "\\d+", "*", "")),
                Tuple.of(2, strings())));
    }

    // ---- windows

    static Arbitrary<Window> windows() {
        return combine(days(), times(), times(), zones().optional())
                .as((d, s, e, z) -> new Window(d, s, e, z.map(PolicyArbitraries::str), NONE));
    }

    static Arbitrary<Window.Days> days() {
        Arbitrary<Window.DayRange> range = combine(Arbitraries.of(DayOfWeek.class),
                        Arbitraries.of(DayOfWeek.class), Arbitraries.of(true, false))
                .as((f, t, single) -> new Window.DayRange(f, single ? f : t, NONE));
        Arbitrary<Window.Days> listed = range.list().ofMinSize(1).ofMaxSize(4)
                .map(rs -> new Window.Days.Listed(rs, NONE));
        return oneOf(List.of(Arbitraries.just(new Window.Days.Daily(NONE)),
                Arbitraries.just(new Window.Days.Weekdays(NONE)), Arbitraries.just(new Window.Days.Weekends(NONE)),
                listed));
    }

    static Arbitrary<String> zones() {
        return weighted(List.of(
                Tuple.of(2, Arbitraries.of("UTC", "Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata", "+02:00",
                        "Nowhere/Else", "")),
                Tuple.of(1, strings())));
    }

    // ---- paths and names

    static Arbitrary<Path> paths() {
        // A root is a name or one of the keywords the grammar accepts as a root; an unknown root is a
        // checker error, not a syntax error, so some are generated too.
        Arbitrary<String> root = weighted(List.of(Tuple.of(8, Arbitraries.of(Attributes.ROOTS)),
                Tuple.of(1, Arbitraries.of("user", "group", "deviceId", "_x")), Tuple.of(1, names())));
        // After a dot anything name-like is a field, keywords included.
        Arbitrary<String> field = weighted(List.of(Tuple.of(4, names()),
                Tuple.of(1, Arbitraries.of(new ArrayList<>(Names.RESERVED))),
                Tuple.of(1, Arbitraries.of("requester", "deviceId", "Mfa", "_under", "x-1"))));
        return combine(root, field.list().ofMaxSize(3)).as((r, fs) -> new Path(r, fs, NONE));
    }

    /** Valid names ({@code [a-z][a-z0-9_-]*}, not reserved), with some that look like keywords or literals. */
    static Arbitrary<String> names() {
        Arbitrary<String> random = combine(Arbitraries.chars().range('a', 'z'),
                        Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('_', '-')
                                .ofMaxLength(10))
                .as((c, s) -> c + s);
        Arbitrary<String> tricky = Arbitraries.of("policy-x", "rules", "in-group", "not_", "nowhere", "monday",
                "mon-frix", "sat-", "true1", "e", "x-", "h1", "a--b", "requesters", "default-x", "self-approvals",
                "d1h", "m30", "groups", "context", "no-delegation", "daily1", "weekdays-x");
        return weighted(List.of(Tuple.of(4, random), Tuple.of(1, tricky))).filter(PolicyArbitraries::expressible);
    }

    /**
     * Whether a valid name can be written as a name. Reserved words cannot; neither can a name that
     * is exactly a day range such as {@code mon-fri}, which the lexer reads as one DAY_RANGE token
     * that the grammar does not accept where a name goes (reported separately).
     */
    static boolean expressible(String name) {
        return !Names.RESERVED.contains(name) && !DAY_RANGE.matcher(name).matches();
    }

    // ---- literals

    /** Any literal; lists nest at most {@code depth} deep. */
    static Arbitrary<Literal> literals(int depth) {
        return Cache.LITERALS.get(depth);
    }

    private static Arbitrary<Literal> makeLiterals(int depth) {
        List<Tuple2<Integer, Arbitrary<? extends Literal>>> kinds = new ArrayList<>(List.of(
                Tuple.of(3, strings().map(PolicyArbitraries::str)), Tuple.of(2, ints()), Tuple.of(2, decimals()),
                Tuple.of(1, Arbitraries.of(true, false).map(b -> new Literal.Bool(b, NONE))),
                Tuple.of(2, durations()), Tuple.of(1, times()), Tuple.of(1, dates())));
        if (depth > 0) {
            kinds.add(Tuple.of(1, shared(() -> lists(depth - 1))));
        }
        return weighted(kinds);
    }

    static Arbitrary<Literal.ListOf> lists(int depth) {
        return literals(depth).list().ofMaxSize(4).map(ls -> new Literal.ListOf(ls, NONE));
    }

    static Arbitrary<Literal.Int> ints() {
        // -Long.MAX_VALUE at the least: the magnitude of Long.MIN_VALUE is not a long.
        return weighted(List.of(Tuple.of(3, Arbitraries.longs().between(-1000, 1000)),
                        Tuple.of(1, Arbitraries.longs().between(-Long.MAX_VALUE, Long.MAX_VALUE))))
                .map(v -> new Literal.Int(v, NONE));
    }

    static Arbitrary<Literal.Decimal> decimals() {
        // Scale 1 or more: 1.50 stays 1.50; scale 0 would print as an integer.
        return combine(weighted(List.of(Tuple.of(3, Arbitraries.longs().between(-100_000, 100_000)),
                                Tuple.of(1, Arbitraries.longs().between(-Long.MAX_VALUE, Long.MAX_VALUE)))),
                        Arbitraries.integers().between(1, 8))
                .as((unscaled, scale) -> new Literal.Decimal(BigDecimal.valueOf(unscaled, scale), NONE));
    }

    /**
     * Durations written largest unit first, each unit once, under the 100-year limit; the value is
     * computed here, independently of the parser. Some numbers get a leading zero ({@code 01h}),
     * which the text keeps.
     */
    static Arbitrary<Literal.Dur> durations() {
        return combine(Arbitraries.integers().between(1, 31), Arbitraries.integers().between(0, 4000),
                        Arbitraries.integers().between(0, 5000), Arbitraries.integers().between(0, 50_000),
                        Arbitraries.integers().between(0, 100_000), Arbitraries.integers().between(0, 1_000_000),
                        Arbitraries.integers().between(0, 31))
                .as((units, w, d, h, m, s, zeros) -> {
                    long[] counts = {w, d, h, m, s};
                    long[] seconds = {7 * 86_400L, 86_400L, 3_600L, 60L, 1L};
                    StringBuilder text = new StringBuilder();
                    long total = 0;
                    for (int i = 0; i < 5; i++) {
                        if ((units & (1 << (4 - i))) != 0) {
                            text.append((zeros & (1 << i)) != 0 ? "0" : "").append(counts[i]).append("wdhms".charAt(i));
                            total += counts[i] * seconds[i];
                        }
                    }
                    return new Literal.Dur(Duration.ofSeconds(total), text.toString(), NONE);
                });
    }

    static Arbitrary<Literal.Time> times() {
        return combine(Arbitraries.integers().between(0, 23), Arbitraries.integers().between(0, 59))
                .as((h, m) -> new Literal.Time(LocalTime.of(h, m), NONE));
    }

    static Arbitrary<Literal.Date> dates() {
        // YYYY-MM-DD has four digits of year.
        return Arbitraries.longs()
                .between(LocalDate.of(0, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay())
                .map(d -> new Literal.Date(LocalDate.ofEpochDay(d), NONE));
    }

    /**
     * Strings with what a string can hold: quotes, backslashes, newlines, tabs, control and format
     * characters, line separators, non-BMP characters, lone surrogates, text that looks like escapes.
     */
    static Arbitrary<String> strings() {
        Arbitrary<String> plain = Arbitraries.strings().alpha().numeric().withChars(" -_*?./:@").ofMaxLength(8);
        Arbitrary<String> odd = Arbitraries.of("\"", "\\", "\n", "\t", "\r", "\r\n", "\u0000", "\u001b", "\u007f",
                "\u0085", "\u2028", "\u2029", "\u00a0", "\ufeff", "\u200b", "\u00e9", "\u65e5\u672c", "\ud83d\ude00",
                "\ud83d", "\ude00", "#", "{", "}", "\\u0041", "\\n", "\\\"", "${x}", " ", "\\u00");
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(3);
        Arbitrary<String> piece = weighted(List.of(Tuple.of(5, plain), Tuple.of(3, odd), Tuple.of(1, any)));
        return piece.list().ofMaxSize(6).map(ps -> String.join("", ps));
    }

    /**
     * The literal and expression arbitraries of each depth, built once and shared by every use, so
     * that each builds its generator once (see {@link #shared}).
     */
    private static final class Cache {
        static final List<Arbitrary<Literal>> LITERALS = new ArrayList<>();
        static final List<Arbitrary<Expr>> EXPRS = new ArrayList<>();

        static {
            for (int depth = 0; depth <= 2; depth++) {
                LITERALS.add(makeLiterals(depth));
            }
            EXPRS.add(predicates());
            for (int depth = 1; depth <= MAX_DEPTH; depth++) {
                Arbitrary<Expr> sub = EXPRS.get(depth - 1);
                EXPRS.add(makeExprs(depth, shared(() -> sub)));
            }
        }
    }

    // ---- helpers

    static Literal.Str str(String s) {
        return new Literal.Str(s, NONE);
    }

    static Name name(String s) {
        return new Name(s, NONE);
    }

    /** {@link Arbitraries#frequencyOf}, taking arbitraries of subtypes, each {@link #shared}. */
    static <T> Arbitrary<T> weighted(List<? extends Tuple2<Integer, ? extends Arbitrary<? extends T>>> choices) {
        List<Tuple2<Integer, Arbitrary<T>>> widened = new ArrayList<>();
        for (Tuple2<Integer, ? extends Arbitrary<? extends T>> c : choices) {
            Arbitrary<? extends T> choice = c.get2();
            widened.add(Tuple.of(c.get1(), shared(() -> widen(choice))));
        }
        return Arbitraries.frequencyOf(widened);
    }

    /** {@link Arbitraries#oneOf}, each choice {@link #shared}. */
    static <T> Arbitrary<T> oneOf(List<? extends Arbitrary<? extends T>> choices) {
        List<Arbitrary<T>> shared = new ArrayList<>();
        for (Arbitrary<? extends T> choice : choices) {
            shared.add(shared(() -> widen(choice)));
        }
        return Arbitraries.oneOf(shared);
    }

    /** {@link Combinators#combine}, each input {@link #shared} (combine looks up their generators on every value). */
    static <A, B> Combinators.Combinator2<A, B> combine(Arbitrary<A> a, Arbitrary<B> b) {
        return Combinators.combine(shared(a), shared(b));
    }

    static <A, B, C> Combinators.Combinator3<A, B, C> combine(Arbitrary<A> a, Arbitrary<B> b, Arbitrary<C> c) {
        return Combinators.combine(shared(a), shared(b), shared(c));
    }

    static <A, B, C, D> Combinators.Combinator4<A, B, C, D> combine(Arbitrary<A> a, Arbitrary<B> b, Arbitrary<C> c,
            Arbitrary<D> d) {
        return Combinators.combine(shared(a), shared(b), shared(c), shared(d));
    }

    static <A, B, C, D, E, F, G> Combinators.Combinator7<A, B, C, D, E, F, G> combine(Arbitrary<A> a, Arbitrary<B> b,
            Arbitrary<C> c, Arbitrary<D> d, Arbitrary<E> e, Arbitrary<F> f, Arbitrary<G> g) {
        return Combinators.combine(shared(a), shared(b), shared(c), shared(d), shared(e), shared(f), shared(g));
    }

    static <T> Arbitrary<T> shared(Arbitrary<T> a) {
        return a instanceof Shared ? a : shared(() -> a);
    }

    private static <T> Arbitrary<T> widen(Arbitrary<? extends T> a) {
        return a.map(x -> x);
    }

    /**
     * An arbitrary resolved once and whose generators are made once per size. jqwik looks up the
     * generator of the arbitrary a oneOf or frequencyOf picks on every value, keyed by the
     * arbitrary's structural hash; for a tree of arbitraries as deep as this one that lookup cost
     * more than everything else in a try. This one hashes by identity.
     */
    static <T> Arbitrary<T> shared(Supplier<? extends Arbitrary<T>> supplier) {
        return new Shared<>(supplier);
    }

    private static final class Shared<T> implements Arbitrary<T> {
        private final Supplier<? extends Arbitrary<T>> supplier;
        private final Map<List<Object>, RandomGenerator<T>> generators = new HashMap<>();
        private Arbitrary<T> arbitrary;

        Shared(Supplier<? extends Arbitrary<T>> supplier) {
            this.supplier = supplier;
        }

        private synchronized Arbitrary<T> arbitrary() {
            if (arbitrary == null) {
                arbitrary = supplier.get();
            }
            return arbitrary;
        }

        @Override
        public RandomGenerator<T> generator(int genSize) {
            return generator(genSize, false);
        }

        @Override
        public RandomGenerator<T> generatorWithEmbeddedEdgeCases(int genSize) {
            return generator(genSize, true);
        }

        @Override
        public synchronized RandomGenerator<T> generator(int genSize, boolean withEdgeCases) {
            List<Object> key = List.of(genSize, withEdgeCases);
            RandomGenerator<T> g = generators.get(key);
            if (g == null) {
                g = arbitrary().generator(genSize, withEdgeCases);
                generators.put(key, g);
            }
            return g;
        }

        @Override
        public EdgeCases<T> edgeCases(int maxEdgeCases) {
            return arbitrary().edgeCases(maxEdgeCases);
        }
    }
}
