package io.countersign.store.dynamodb.testserver;

import io.countersign.store.dynamodb.testserver.Expr.Operand;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies an UpdateExpression (Developer Guide, "Update expressions"): every value is read from the item
 * as it was before the update; SET assigns (with {@code +}, {@code -}, {@code if_not_exists},
 * {@code list_append}), REMOVE deletes attributes (absent ones are no error), ADD adds to a number or a
 * set (creating it), DELETE takes elements out of a set.
 */
final class Updater {

    private Updater() {
    }

    /**
     * Checks an update before any item is read: no two actions on one path ("Two document paths overlap"),
     * no key attribute changed, ADD and DELETE with operands of a type they take.
     */
    static void validate(Expr.Update u, Set<String> keyAttributes) {
        List<Expr.Path> all = new ArrayList<>();
        u.set().forEach(a -> all.add(a.path()));
        all.addAll(u.remove());
        u.add().forEach(a -> all.add(a.path()));
        u.delete().forEach(a -> all.add(a.path()));
        Map<String, Expr.Path> seen = new LinkedHashMap<>();
        for (Expr.Path p : all) {
            Expr.Path before = seen.putIfAbsent(p.name(), p);
            if (before != null) {
                throw DynamoError.validation("Invalid UpdateExpression: Two document paths overlap with each other; must remove"
                        + " or rewrite one of these paths; path one: [" + before.name() + "], path two: [" + p.name() + "]");
            }
            if (keyAttributes.contains(p.name())) {
                throw DynamoError.validation("One or more parameter values were invalid: Cannot update attribute " + p.name()
                        + ". This attribute is part of the key");
            }
        }
        for (Expr.SetChange a : u.add()) {
            Value v = a.value().value();
            if (!(v instanceof Value.N || v instanceof Value.SS || v instanceof Value.NS || v instanceof Value.BS)) {
                throw Evaluator.operandType("UpdateExpression", "ADD", v);
            }
        }
        for (Expr.SetChange a : u.delete()) {
            Value v = a.value().value();
            if (!(v instanceof Value.SS || v instanceof Value.NS || v instanceof Value.BS)) {
                throw Evaluator.operandType("UpdateExpression", "DELETE", v);
            }
        }
    }

    /** The item after the update; {@code old} is not changed. */
    static Map<String, Value> apply(Expr.Update u, Map<String, Value> old) {
        Map<String, Value> out = new LinkedHashMap<>(old);
        for (Expr.SetAction a : u.set()) {
            out.put(a.path().name(), value(a.value(), old));
        }
        for (Expr.Path p : u.remove()) {
            out.remove(p.name());
        }
        for (Expr.SetChange a : u.add()) {
            Value now = old.get(a.path().name());
            Value v = a.value().value();
            out.put(a.path().name(), now == null ? v : combine(now, v, true));
        }
        for (Expr.SetChange a : u.delete()) {
            Value now = old.get(a.path().name());
            if (now == null) {
                continue;
            }
            Value left = combine(now, a.value().value(), false);
            if (left == null) {
                out.remove(a.path().name());
            } else {
                out.put(a.path().name(), left);
            }
        }
        return out;
    }

    private static Value value(Operand o, Map<String, Value> old) {
        if (o instanceof Expr.Literal l) {
            return l.value();
        }
        if (o instanceof Expr.Path p) {
            Value v = old.get(p.name());
            if (v == null) {
                throw DynamoError.validation("The provided expression refers to an attribute that does not exist in the item");
            }
            return v;
        }
        if (o instanceof Expr.IfNotExists f) {
            Value v = old.get(f.path().name());
            return v != null ? v : value(f.otherwise(), old);
        }
        if (o instanceof Expr.ListAppend la) {
            Value a = value(la.first(), old);
            Value b = value(la.second(), old);
            if (!(a instanceof Value.L x) || !(b instanceof Value.L y)) {
                throw wrongType();
            }
            List<Value> both = new ArrayList<>(x.v());
            both.addAll(y.v());
            return new Value.L(both);
        }
        if (o instanceof Expr.Arith ar) {
            Value a = value(ar.left(), old);
            Value b = value(ar.right(), old);
            if (!(a instanceof Value.N x) || !(b instanceof Value.N y)) {
                throw wrongType();
            }
            return new Value.N(Value.precise(ar.plus() ? x.v().add(y.v()) : x.v().subtract(y.v())));
        }
        throw DynamoError.validation("Invalid UpdateExpression: size() is not allowed in an update expression");
    }

    /** ADD ({@code add}) or DELETE: a number plus a number, or a set with another of its type; null for an empty set. */
    private static Value combine(Value now, Value v, boolean add) {
        if (add && now instanceof Value.N a && v instanceof Value.N b) {
            return new Value.N(Value.precise(a.v().add(b.v())));
        }
        if (now instanceof Value.SS a && v instanceof Value.SS b) {
            Set<String> s = change(a.v(), b.v(), add);
            return s.isEmpty() ? null : new Value.SS(s);
        }
        if (now instanceof Value.NS a && v instanceof Value.NS b) {
            Set<BigDecimal> s = change(a.v(), b.v(), add);
            return s.isEmpty() ? null : new Value.NS(s);
        }
        if (now instanceof Value.BS a && v instanceof Value.BS b) {
            Set<Value.B> s = change(a.v(), b.v(), add);
            return s.isEmpty() ? null : new Value.BS(s);
        }
        throw wrongType();
    }

    private static <T> Set<T> change(Set<T> a, Set<T> b, boolean add) {
        Set<T> out = new HashSet<>(a);
        if (add) {
            out.addAll(b);
        } else {
            out.removeAll(b);
        }
        return out;
    }

    private static DynamoError wrongType() {
        return DynamoError.validation("An operand in the update expression has an incorrect data type");
    }
}
