package io.countersign.engine.eval;

import io.countersign.lang.ast.Expr;
import io.countersign.lang.ast.Literal;
import io.countersign.lang.ast.Operand;
import io.countersign.lang.ast.Path;
import io.countersign.lang.ast.Window;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A condition compiled once into a tree of small nodes, evaluated to a {@link Tri} value: windows
 * resolved, literals turned into their run-time values ({@link Interpreter#literal}), date ranges
 * computed. It means what {@link Interpreter#eval} means — the reference evaluator walks the AST, the
 * Drools rules evaluate this, and the differential property test holds the two together.
 *
 * <p>Chains of {@code and} and of {@code or} are flattened into one node each, however the author
 * grouped them ({@code a and (b and c)} is one node of three), since Kleene's {@code and} and
 * {@code or} are associative and commutative. Compiling visits each node of the AST once, so it costs
 * time linear in the condition's size; the tree is no deeper than the parentheses of the source, which
 * the parser bounds. In an {@code or}, four or more equalities of one path with strings become one set
 * lookup when the value is a string (an {@code or} of a thousand profiles costs one hash, not a
 * thousand comparisons); any other value is compared one by one, as the interpreter does.
 */
public sealed interface CompiledCondition {

    int eval(Facts f);

    /** Compiles {@code e}; {@code windows} are the named windows of its policy. */
    static CompiledCondition of(Expr e, Map<String, Window> windows) {
        return e.accept(new Compiling(windows));
    }

    /**
     * The operands of an and (or an or), each compiled, with the operands of those that
     * {@code sameChain} recognises as the same connective spliced in.
     */
    static List<CompiledCondition> flatten(List<Expr> operands, Function<Expr, Optional<List<Expr>>> sameChain,
            Map<String, Window> windows) {
        List<CompiledCondition> out = new ArrayList<>();
        for (Expr x : operands) {
            Optional<List<Expr>> nested = sameChain.apply(x);
            if (nested.isPresent()) {
                out.addAll(flatten(nested.get(), sameChain, windows));
            } else {
                out.add(of(x, windows));
            }
        }
        return out;
    }

    /** A path read from the request, or a literal's run-time value. */
    sealed interface Value {
        Object get(Facts f);

        static Value of(Operand o) {
            return o instanceof Path p ? new Read(p.text()) : new Fixed(Interpreter.literal((Literal) o));
        }

        /** The value the path names, or {@link Facts#ABSENT}. */
        record Read(String path) implements Value {
            @Override
            public Object get(Facts f) {
                return f.value(path);
            }
        }

        /** A literal. */
        record Fixed(Object value) implements Value {
            @Override
            public Object get(Facts f) {
                return value;
            }
        }
    }

    /** {@code a and b and ...}: false as soon as one is false. */
    record All(CompiledCondition[] parts) implements CompiledCondition {
        static CompiledCondition of(List<CompiledCondition> parts) {
            return parts.size() == 1 ? parts.get(0) : new All(parts.toArray(new CompiledCondition[0]));
        }

        @Override
        public int eval(Facts f) {
            int r = Tri.TRUE;
            for (CompiledCondition p : parts) {
                int v = p.eval(f);
                if (v == Tri.FALSE) {
                    return Tri.FALSE;
                }
                r = Tri.and(r, v);
            }
            return r;
        }
    }

    /** {@code a or b or ...}: true as soon as one is true. */
    record Any(CompiledCondition[] parts) implements CompiledCondition {
        /** Below this many equalities of one path, a set is not worth its hash. */
        static final int SET_FROM = 4;

        static CompiledCondition of(List<CompiledCondition> parts) {
            List<CompiledCondition> rest = new ArrayList<>();
            Map<String, List<Compare>> byPath = new java.util.LinkedHashMap<>();
            for (CompiledCondition p : parts) {
                String path = p instanceof Compare c ? c.stringEquality() : null;
                if (path != null) {
                    byPath.computeIfAbsent(path, k -> new ArrayList<>()).add((Compare) p);
                } else {
                    rest.add(p);
                }
            }
            List<CompiledCondition> out = new ArrayList<>();
            for (Map.Entry<String, List<Compare>> e : byPath.entrySet()) {
                if (e.getValue().size() >= SET_FROM) {
                    out.add(OneOf.of(e.getKey(), e.getValue()));
                } else {
                    out.addAll(e.getValue());
                }
            }
            out.addAll(rest);
            return out.size() == 1 ? out.get(0) : new Any(out.toArray(new CompiledCondition[0]));
        }

        @Override
        public int eval(Facts f) {
            int r = Tri.FALSE;
            for (CompiledCondition p : parts) {
                int v = p.eval(f);
                if (v == Tri.TRUE) {
                    return Tri.TRUE;
                }
                r = Tri.or(r, v);
            }
            return r;
        }
    }

    /**
     * {@code PATH == "s1" or PATH == "s2" or ...}. For a string value, {@link Ops#eq} with a string is
     * plain string equality, so the set decides; any other value (absent, a number, a duration, a
     * list) goes through the equalities one by one.
     */
    record OneOf(String path, Set<String> strings, Any each) implements CompiledCondition {
        static OneOf of(String path, List<Compare> equalities) {
            Set<String> strings = new HashSet<>();
            for (Compare c : equalities) {
                strings.add(c.string());
            }
            return new OneOf(path, Set.copyOf(strings), new Any(equalities.toArray(new CompiledCondition[0])));
        }

        @Override
        public int eval(Facts f) {
            Object v = f.value(path);
            if (v instanceof String s) {
                return Tri.of(strings.contains(s));
            }
            return each.eval(f);
        }
    }

    /** {@code not e}. */
    record Not(CompiledCondition part) implements CompiledCondition {
        @Override
        public int eval(Facts f) {
            return Tri.not(part.eval(f));
        }
    }

    /** {@code true} or {@code false}. */
    record Constant(int value) implements CompiledCondition {
        @Override
        public int eval(Facts f) {
            return value;
        }
    }

    /** {@code has PATH}. */
    record Has(String path) implements CompiledCondition {
        @Override
        public int eval(Facts f) {
            return Ops.has(f.value(path));
        }
    }

    /** {@code requester [not] in group "g"}. */
    record Member(String group, boolean in) implements CompiledCondition {
        @Override
        public int eval(Facts f) {
            return Tri.of(f.inGroup(group) == in);
        }
    }

    /** {@code now during W}. */
    record During(CompiledWindow window) implements CompiledCondition {
        @Override
        public int eval(Facts f) {
            return window.holds(f.getAt());
        }
    }

    /** {@code now between A and B}: epoch seconds in [from, to). */
    record Between(long from, long to) implements CompiledCondition {
        @Override
        public int eval(Facts f) {
            return Ops.between(f.getAt(), from, to);
        }
    }

    /** {@code left OP right}. */
    record Compare(Expr.CompareOp op, Value left, Value right) implements CompiledCondition {
        @Override
        public int eval(Facts f) {
            Object l = left.get(f);
            Object r = right.get(f);
            return switch (op) {
                case EQ -> Ops.eq(l, r);
                case NE -> Ops.ne(l, r);
                case LT -> Ops.lt(l, r);
                case LE -> Ops.le(l, r);
                case GT -> Ops.gt(l, r);
                case GE -> Ops.ge(l, r);
            };
        }

        /** The path of {@code PATH == "string"} (either way round), else null. */
        String stringEquality() {
            if (op != Expr.CompareOp.EQ) {
                return null;
            }
            if (left instanceof Value.Read p && right instanceof Value.Fixed c && c.value() instanceof String) {
                return p.path();
            }
            if (right instanceof Value.Read p && left instanceof Value.Fixed c && c.value() instanceof String) {
                return p.path();
            }
            return null;
        }

        /** The string of a {@link #stringEquality}. */
        String string() {
            return (String) (left instanceof Value.Fixed c ? c.value() : ((Value.Fixed) right).value());
        }
    }

    /** {@code left [not] in right}. */
    record In(Value left, Value right, boolean negated) implements CompiledCondition {
        @Override
        public int eval(Facts f) {
            int r = Ops.in(left.get(f), right.get(f));
            return negated ? Tri.not(r) : r;
        }
    }

    /** {@code left [not] matches [regex] "pattern"}. */
    record Matches(Value left, String pattern, boolean regex, boolean negated) implements CompiledCondition {
        @Override
        public int eval(Facts f) {
            Object v = left.get(f);
            int r = regex ? Ops.regex(v, pattern) : Ops.glob(v, pattern);
            return negated ? Tri.not(r) : r;
        }
    }

    /** {@code left contains [any|all] right}. */
    record Contains(Value left, Value right, Expr.Quantifier quantifier) implements CompiledCondition {
        @Override
        public int eval(Facts f) {
            Object l = left.get(f);
            Object r = right.get(f);
            return switch (quantifier) {
                case ONE -> Ops.contains(l, r);
                case ANY -> Ops.containsAny(l, r);
                case ALL -> Ops.containsAll(l, r);
            };
        }
    }
}
