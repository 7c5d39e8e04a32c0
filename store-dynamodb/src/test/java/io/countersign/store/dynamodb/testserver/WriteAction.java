package io.countersign.store.dynamodb.testserver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One write — PutItem, UpdateItem, DeleteItem, or a ConditionCheck — parsed and its expressions checked
 * before any item is read, as DynamoDB refuses a malformed request whatever the data. The same parsing
 * serves the single-item operations and each action of TransactWriteItems.
 */
final class WriteAction {

    enum Kind { PUT, UPDATE, DELETE, CHECK }

    static final Set<String> PUT = Set.of("TableName", "Item", "ConditionExpression", "ExpressionAttributeNames",
            "ExpressionAttributeValues", "ReturnValues", "ReturnValuesOnConditionCheckFailure");
    static final Set<String> UPDATE = Set.of("TableName", "Key", "UpdateExpression", "ConditionExpression",
            "ExpressionAttributeNames", "ExpressionAttributeValues", "ReturnValues", "ReturnValuesOnConditionCheckFailure");
    static final Set<String> DELETE = Set.of("TableName", "Key", "ConditionExpression", "ExpressionAttributeNames",
            "ExpressionAttributeValues", "ReturnValues", "ReturnValuesOnConditionCheckFailure");
    /** In a transaction there is no ReturnValues, only ReturnValuesOnConditionCheckFailure. */
    static final Set<String> PUT_IN_TRANSACTION = without(PUT, "ReturnValues");
    static final Set<String> UPDATE_IN_TRANSACTION = without(UPDATE, "ReturnValues");
    static final Set<String> DELETE_IN_TRANSACTION = without(DELETE, "ReturnValues");
    static final Set<String> CHECK = Set.of("TableName", "Key", "ConditionExpression", "ExpressionAttributeNames",
            "ExpressionAttributeValues", "ReturnValuesOnConditionCheckFailure");

    private static Set<String> without(Set<String> all, String name) {
        Set<String> out = new java.util.HashSet<>(all);
        out.remove(name);
        return Set.copyOf(out);
    }

    final Kind kind;
    final String table;
    private final Map<String, Value> given;
    private final Expr.Update update;
    private final Expr.Condition condition;
    final boolean oldOnFailure;

    private WriteAction(Kind kind, String table, Map<String, Value> given, Expr.Update update, Expr.Condition condition,
            boolean oldOnFailure) {
        this.kind = kind;
        this.table = table;
        this.given = given;
        this.update = update;
        this.condition = condition;
        this.oldOnFailure = oldOnFailure;
    }

    /** Reads and checks the parameters of one write; {@code in} was read with the field set of its kind. */
    static WriteAction parse(Kind kind, Input in) {
        String table = TableOperations.tableName(in);
        Bindings bindings = Bindings.of(in);
        Expr.Condition condition = null;
        Expr.Update update = null;
        if (in.has("ConditionExpression")) {
            condition = Parser.condition(in.string("ConditionExpression"), "ConditionExpression", bindings);
            Evaluator.validate(condition, "ConditionExpression");
        } else if (kind == Kind.CHECK) {
            in.required("ConditionExpression");
        }
        if (in.has("UpdateExpression")) {
            update = Parser.update(in.string("UpdateExpression"), bindings);
        }
        bindings.checkAllUsed(condition != null || update != null);
        Map<String, Value> given = Wire.item(in.required(kind == Kind.PUT ? "Item" : "Key"));
        boolean old = in.oneOf("ReturnValuesOnConditionCheckFailure", "NONE", List.of("NONE", "ALL_OLD")).equals("ALL_OLD");
        return new WriteAction(kind, table, given, update, condition, old);
    }

    /** The key of the item written, checked against the table (under the lock: the table may change). */
    PrimaryKey key(Schema schema) {
        if (kind == Kind.PUT) {
            schema.checkItem(given);
            return schema.keyOf(given);
        }
        PrimaryKey key = schema.key(given);
        if (update != null) {
            Updater.validate(update, schema.keyAttributes());
        }
        return key;
    }

    /** The attributes an update names: what UPDATED_OLD and UPDATED_NEW return. */
    Set<String> updated() {
        Set<String> out = new java.util.HashSet<>();
        if (update != null) {
            update.set().forEach(a -> out.add(a.path().name()));
            update.remove().forEach(p -> out.add(p.name()));
            update.add().forEach(a -> out.add(a.path().name()));
            update.delete().forEach(a -> out.add(a.path().name()));
        }
        return out;
    }

    /** Whether the condition (if any) holds for the item as it is (null: no item). */
    boolean holds(Map<String, Value> current) {
        return condition == null || Evaluator.test(condition, current == null ? Map.of() : current);
    }

    /**
     * The item after this write, checked: null when it deletes (or a check, which writes nothing: callers
     * look at {@link #kind}).
     */
    Map<String, Value> next(Schema schema, Map<String, Value> current) {
        switch (kind) {
            case PUT:
                return given;
            case UPDATE: {
                Map<String, Value> base = current != null ? current : new LinkedHashMap<>(given);
                Map<String, Value> out = update == null ? new LinkedHashMap<>(base) : Updater.apply(update, base);
                schema.checkIndexKeys(out);
                if (Value.itemSize(out) > Limits.ITEM_SIZE) {
                    throw DynamoError.validation("Item size to update has exceeded the maximum allowed size");
                }
                return out;
            }
            default:
                return null;
        }
    }
}
