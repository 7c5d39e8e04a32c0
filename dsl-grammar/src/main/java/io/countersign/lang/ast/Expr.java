package io.countersign.lang.ast;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Conditions. {@code and}/{@code or} chains are n-ary and keep the grouping the author wrote:
 * {@code a and (b and c)} is an {@code And} whose second operand is an {@code And}.
 */
public sealed interface Expr {

    Loc loc();

    /**
     * Hands this condition to the case of {@code cases} that takes its kind. Java 17 has no pattern
     * switch: this is the exhaustive switch over the sealed kinds — a new kind of condition adds a case,
     * and every walk that does not handle it fails to compile instead of failing at run time.
     */
    <T> T accept(Cases<T> cases);

    /** One case per kind of condition. */
    interface Cases<T> {
        T and(And e);

        T or(Or e);

        T not(Not e);

        T constant(Const e);

        T has(Has e);

        T inGroup(InGroup e);

        T during(During e);

        T between(Between e);

        T compare(Compare e);

        T in(In e);

        T matches(Matches e);

        T contains(Contains e);
    }

    /**
     * A visit of the leaves under a condition: the connectives recurse into their operands and a constant
     * names nothing, while each leaf kind stays abstract, so a new kind fails to compile in every walk
     * until that walk says what the kind holds.
     */
    interface Leaves extends Cases<Void> {
        @Override
        default Void and(And e) {
            e.operands().forEach(x -> x.accept(this));
            return null;
        }

        @Override
        default Void or(Or e) {
            e.operands().forEach(x -> x.accept(this));
            return null;
        }

        @Override
        default Void not(Not e) {
            return e.operand().accept(this);
        }

        @Override
        default Void constant(Const e) {
            return null;
        }
    }

    /** {@code a and b and ...}, two operands or more. */
    record And(List<Expr> operands, Loc loc) implements Expr {
        @Override
        public <T> T accept(Cases<T> cases) {
            return cases.and(this);
        }

        public And {
            operands = List.copyOf(operands);
        }
    }

    /** {@code a or b or ...}, two operands or more. */
    record Or(List<Expr> operands, Loc loc) implements Expr {
        @Override
        public <T> T accept(Cases<T> cases) {
            return cases.or(this);
        }

        public Or {
            operands = List.copyOf(operands);
        }
    }

    /** {@code not e}. */
    record Not(Expr operand, Loc loc) implements Expr {
        @Override
        public <T> T accept(Cases<T> cases) {
            return cases.not(this);
        }
    }

    /** {@code true} or {@code false} standing alone. */
    record Const(boolean value, Loc loc) implements Expr {
        @Override
        public <T> T accept(Cases<T> cases) {
            return cases.constant(this);
        }
    }

    /** {@code has PATH}: present and not empty; never unknown. */
    record Has(Path path, Loc loc) implements Expr {
        @Override
        public <T> T accept(Cases<T> cases) {
            return cases.has(this);
        }
    }

    /** {@code requester [not] in group "g"}. */
    record InGroup(boolean negated, Literal.Str group, Loc loc) implements Expr {
        @Override
        public <T> T accept(Cases<T> cases) {
            return cases.inGroup(this);
        }
    }

    /** {@code now during NAME} or {@code now during WINDOW}. */
    record During(WindowRef window, Loc loc) implements Expr {
        @Override
        public <T> T accept(Cases<T> cases) {
            return cases.during(this);
        }
    }

    /** {@code now between DATE and DATE (in "Zone")?}, both dates inclusive. */
    record Between(Literal.Date from, Literal.Date to, Optional<Literal.Str> zone, Loc loc) implements Expr {
        @Override
        public <T> T accept(Cases<T> cases) {
            return cases.between(this);
        }
    }

    /** {@code left OP right}. */
    record Compare(Operand left, CompareOp op, Operand right, Loc loc) implements Expr {
        @Override
        public <T> T accept(Cases<T> cases) {
            return cases.compare(this);
        }
    }

    /** {@code left [not] in LIST|PATH}. */
    record In(Operand left, boolean negated, Operand right, Loc loc) implements Expr {
        @Override
        public <T> T accept(Cases<T> cases) {
            return cases.in(this);
        }
    }

    /** {@code left [not] matches [regex] "pattern"}. */
    record Matches(Operand left, boolean negated, boolean regex, Literal.Str pattern, Loc loc) implements Expr {
        @Override
        public <T> T accept(Cases<T> cases) {
            return cases.matches(this);
        }
    }

    /** {@code left contains [any|all] right}. */
    record Contains(Operand left, Quantifier quantifier, Operand right, Loc loc) implements Expr {
        @Override
        public <T> T accept(Cases<T> cases) {
            return cases.contains(this);
        }
    }

    /** The comparison operators. */
    enum CompareOp {
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

        private final String symbol;

        CompareOp(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean ordering() {
            return this != EQ && this != NE;
        }
    }

    /** {@code contains} (one value), {@code contains any}, {@code contains all}. */
    enum Quantifier {
        ONE(""), ANY("any"), ALL("all");

        private final String keyword;

        Quantifier(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    /** A window named in the policy, or written inline. */
    sealed interface WindowRef {
        Loc loc();

        /** The case of this reference: the exhaustive switch over its two kinds. */
        <T> T fold(Function<Named, T> named, Function<Inline, T> inline);

        /** The window meant: a named one looked up in {@code named} (null if undeclared), or the inline one. */
        default Window resolve(Map<String, Window> named) {
            return fold(n -> named.get(n.name().text()), Inline::window);
        }

        /** {@code now during business-hours}. */
        record Named(Name name, Loc loc) implements WindowRef {
            @Override
            public <T> T fold(Function<Named, T> named, Function<Inline, T> inline) {
                return named.apply(this);
            }
        }

        /** {@code now during mon-fri 08:00-18:00 in "Europe/Paris"}. */
        record Inline(Window window, Loc loc) implements WindowRef {
            @Override
            public <T> T fold(Function<Named, T> named, Function<Inline, T> inline) {
                return inline.apply(this);
            }
        }
    }
}
