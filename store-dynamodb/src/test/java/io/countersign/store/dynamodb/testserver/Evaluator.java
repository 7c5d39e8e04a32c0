package io.countersign.store.dynamodb.testserver;

import io.countersign.store.dynamodb.testserver.Expr.Condition;
import io.countersign.store.dynamodb.testserver.Expr.Operand;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates conditions on an item (Developer Guide, "Comparison operator and function reference"): a
 * comparison with an attribute the item lacks is false ({@code <>} is the negation of {@code =}, so it
 * is true), ordering comparisons between different types are false, and the types of literal operands
 * are checked before anything is read.
 */
final class Evaluator {

    private static final Set<String> TYPES = Set.of("S", "N", "B", "BOOL", "NULL", "L", "M", "SS", "NS", "BS");

    private Evaluator() {
    }

    /** Checks what can be checked without an item: literal operand types, BETWEEN bounds, type names. */
    static void validate(Condition c, String expression) {
        if (c instanceof Expr.And a) {
            validate(a.left(), expression);
            validate(a.right(), expression);
        } else if (c instanceof Expr.Or o) {
            validate(o.left(), expression);
            validate(o.right(), expression);
        } else if (c instanceof Expr.Not n) {
            validate(n.condition(), expression);
        } else if (c instanceof Expr.Compare cmp && !cmp.op().equals("=") && !cmp.op().equals("<>")) {
            scalarLiteral(cmp.left(), cmp.op(), expression);
            scalarLiteral(cmp.right(), cmp.op(), expression);
        } else if (c instanceof Expr.Between b) {
            scalarLiteral(b.operand(), "BETWEEN", expression);
            scalarLiteral(b.low(), "BETWEEN", expression);
            scalarLiteral(b.high(), "BETWEEN", expression);
            if (b.low() instanceof Expr.Literal lo && b.high() instanceof Expr.Literal hi
                    && lo.value().type().equals(hi.value().type()) && Value.compare(lo.value(), hi.value()) > 0) {
                throw DynamoError.validation("Invalid " + expression + ": The BETWEEN operator requires upper bound to be"
                        + " greater than or equal to lower bound; lower bound operand: AttributeValue: {" + lo.value().type()
                        + ":" + Wire.json(lo.value()).elements().next().asText() + "}, upper bound operand: AttributeValue: {"
                        + hi.value().type() + ":" + Wire.json(hi.value()).elements().next().asText() + "}");
            }
        } else if (c instanceof Expr.Function f) {
            if (f.name().equals("begins_with")) {
                for (Operand o : f.args()) {
                    if (o instanceof Expr.Literal l && !(l.value() instanceof Value.S) && !(l.value() instanceof Value.B)) {
                        throw operandType(expression, "begins_with", l.value());
                    }
                }
            }
            if (f.name().equals("attribute_type")) {
                if (!(f.args().get(1) instanceof Expr.Literal l) || !(l.value() instanceof Value.S s)
                        || !TYPES.contains(s.v())) {
                    throw DynamoError.validation("Invalid " + expression + ": Invalid attribute type name found; type: "
                            + f.args().get(1) + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
                }
            }
        }
    }

    private static void scalarLiteral(Operand o, String op, String expression) {
        if (o instanceof Expr.Literal l && !l.value().scalar()) {
            throw operandType(expression, op, l.value());
        }
    }

    static DynamoError operandType(String expression, String op, Value v) {
        return DynamoError.validation("Invalid " + expression + ": Incorrect operand type for operator or function;"
                + " operator or function: " + op + ", operand type: " + v.type());
    }

    static boolean test(Condition c, Map<String, Value> item) {
        if (c instanceof Expr.And a) {
            return test(a.left(), item) && test(a.right(), item);
        }
        if (c instanceof Expr.Or o) {
            return test(o.left(), item) || test(o.right(), item);
        }
        if (c instanceof Expr.Not n) {
            return !test(n.condition(), item);
        }
        if (c instanceof Expr.Compare cmp) {
            return compare(cmp.op(), read(cmp.left(), item), read(cmp.right(), item));
        }
        if (c instanceof Expr.Between b) {
            Value v = read(b.operand(), item);
            return compare(">=", v, read(b.low(), item)) && compare("<=", v, read(b.high(), item));
        }
        if (c instanceof Expr.In in) {
            Value v = read(in.operand(), item);
            return v != null && in.options().stream().anyMatch(o -> v.equals(read(o, item)));
        }
        Expr.Function f = (Expr.Function) c;
        Value first = read(f.args().get(0), item);
        switch (f.name()) {
            case "attribute_exists":
                return first != null;
            case "attribute_not_exists":
                return first == null;
            case "attribute_type":
                return first != null && first.type().equals(((Value.S) read(f.args().get(1), item)).v());
            case "begins_with":
                return beginsWith(first, read(f.args().get(1), item));
            default:
                return contains(first, read(f.args().get(1), item));
        }
    }

    static boolean compare(String op, Value a, Value b) {
        if (op.equals("<>")) {
            return !compare("=", a, b);
        }
        if (a == null || b == null) {
            return false;
        }
        if (op.equals("=")) {
            return a.equals(b);
        }
        if (!a.scalar() || !a.type().equals(b.type())) {
            return false;
        }
        int order = Value.compare(a, b);
        switch (op) {
            case "<":
                return order < 0;
            case "<=":
                return order <= 0;
            case ">":
                return order > 0;
            default:
                return order >= 0;
        }
    }

    static boolean beginsWith(Value a, Value prefix) {
        if (a instanceof Value.S s && prefix instanceof Value.S p) {
            return s.v().startsWith(p.v());
        }
        if (a instanceof Value.B s && prefix instanceof Value.B p) {
            return s.v().length >= p.v().length && Arrays.equals(s.v(), 0, p.v().length, p.v(), 0, p.v().length);
        }
        return false;
    }

    private static boolean contains(Value a, Value b) {
        if (a instanceof Value.S s && b instanceof Value.S t) {
            return s.v().contains(t.v());
        }
        if (a instanceof Value.SS s && b instanceof Value.S t) {
            return s.v().contains(t.v());
        }
        if (a instanceof Value.NS s && b instanceof Value.N t) {
            return s.v().contains(t.v());
        }
        if (a instanceof Value.BS s && b instanceof Value.B t) {
            return s.v().contains(t);
        }
        if (a instanceof Value.L l) {
            return b != null && l.v().contains(b);
        }
        return false;
    }

    /** What an operand of a condition reads; null for an attribute the item lacks. */
    static Value read(Operand o, Map<String, Value> item) {
        if (o instanceof Expr.Literal l) {
            return l.value();
        }
        if (o instanceof Expr.Path p) {
            return item.get(p.name());
        }
        if (o instanceof Expr.Size s) {
            Value v = item.get(s.path().name());
            Long size = sizeOf(v);
            return size == null ? null : new Value.N(java.math.BigDecimal.valueOf(size));
        }
        throw new IllegalStateException("not an operand of a condition: " + o);
    }

    private static Long sizeOf(Value v) {
        if (v instanceof Value.S s) {
            return (long) s.v().getBytes(StandardCharsets.UTF_8).length;
        }
        if (v instanceof Value.B b) {
            return (long) b.v().length;
        }
        if (v instanceof Value.L l) {
            return (long) l.v().size();
        }
        if (v instanceof Value.M m) {
            return (long) m.v().size();
        }
        if (v instanceof Value.SS s) {
            return (long) s.v().size();
        }
        if (v instanceof Value.NS s) {
            return (long) s.v().size();
        }
        if (v instanceof Value.BS s) {
            return (long) s.v().size();
        }
        return null;
    }
}
