package io.countersign.store.dynamodb.testserver;

import java.util.List;

/**
 * The parsed expressions (Developer Guide, "Using expressions in DynamoDB"): names and values already
 * resolved through the request's {@link Bindings}. Document paths are top-level attributes only.
 */
final class Expr {

    private Expr() {
    }

    /** What a comparison or an update reads. */
    sealed interface Operand permits Path, Literal, Size, Arith, IfNotExists, ListAppend {
    }

    /** A top-level attribute; {@code written} is how the expression wrote it ({@code #s} or {@code status}). */
    record Path(String name, String written) implements Operand {
    }

    record Literal(String ref, Value value) implements Operand {
    }

    /** {@code size(path)}. */
    record Size(Path path) implements Operand {
    }

    /** {@code a + b} or {@code a - b}: in SET only. */
    record Arith(Operand left, boolean plus, Operand right) implements Operand {
    }

    /** {@code if_not_exists(path, operand)}: in SET only. */
    record IfNotExists(Path path, Operand otherwise) implements Operand {
    }

    /** {@code list_append(a, b)}: in SET only. */
    record ListAppend(Operand first, Operand second) implements Operand {
    }

    /** A condition (ConditionExpression, KeyConditionExpression). */
    sealed interface Condition permits Compare, Between, In, Function, And, Or, Not {
    }

    /** {@code op} is one of {@code = <> < <= > >=}. */
    record Compare(String op, Operand left, Operand right) implements Condition {
    }

    record Between(Operand operand, Operand low, Operand high) implements Condition {
    }

    record In(Operand operand, List<Operand> options) implements Condition {
        In {
            options = List.copyOf(options);
        }
    }

    /** attribute_exists, attribute_not_exists, attribute_type, begins_with, contains. */
    record Function(String name, List<Operand> args) implements Condition {
        Function {
            args = List.copyOf(args);
        }
    }

    record And(Condition left, Condition right) implements Condition {
    }

    record Or(Condition left, Condition right) implements Condition {
    }

    record Not(Condition condition) implements Condition {
    }

    /** An UpdateExpression: its SET, REMOVE, ADD and DELETE actions. */
    record Update(List<SetAction> set, List<Path> remove, List<SetChange> add, List<SetChange> delete) {
        Update {
            set = List.copyOf(set);
            remove = List.copyOf(remove);
            add = List.copyOf(add);
            delete = List.copyOf(delete);
        }
    }

    record SetAction(Path path, Operand value) {
    }

    /** {@code ADD path :v} or {@code DELETE path :v}. */
    record SetChange(Path path, Literal value) {
    }
}
