package io.countersign.store.dynamodb.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TransactWriteItems (API Reference, TransactWriteItems): up to 100 Put, Update, Delete and
 * ConditionCheck actions, at most one per item, applied all together or not at all. When a condition
 * fails the whole request is cancelled with TransactionCanceledException and one CancellationReason per
 * action, in order: {@code ConditionalCheckFailed} for those whose condition failed, {@code None} for
 * the others. A ClientRequestToken makes a repeat of a successful request within 10 minutes a no-op;
 * the same token with other parameters is IdempotentParameterMismatchException.
 */
final class TransactOperation {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Duration TOKEN_LIFE = Duration.ofMinutes(10);

    private final Database db;
    /** Token to the request it came with and when: guarded by the database's write lock. */
    private final Map<String, Remembered> tokens = new LinkedHashMap<>();

    private record Remembered(JsonNode request, long at) {
    }

    TransactOperation(Database db) {
        this.db = db;
    }

    ObjectNode transactWriteItems(JsonNode body) {
        Input in = Input.of(body, "TransactWriteItems", Set.of("TransactItems", "ClientRequestToken"));
        JsonNode items = in.required("TransactItems");
        if (items.size() < 1 || items.size() > Limits.TRANSACTION_ITEMS) {
            throw DynamoError.validation("1 validation error detected: Value at 'transactItems' failed to satisfy constraint:"
                    + " Member must have length " + (items.size() < 1 ? "greater than or equal to 1"
                    : "less than or equal to " + Limits.TRANSACTION_ITEMS));
        }
        List<WriteAction> actions = new ArrayList<>();
        for (JsonNode item : items) {
            actions.add(action(item));
        }
        String token = in.optional("ClientRequestToken");
        JsonNode request = in.get("TransactItems");
        return db.write(() -> {
            if (token != null && repeated(token, request)) {
                return JSON.objectNode();
            }
            List<TableData> tables = new ArrayList<>();
            List<PrimaryKey> keys = new ArrayList<>();
            Set<String> targets = new HashSet<>();
            for (WriteAction a : actions) {
                TableData t = db.active(a.table);
                PrimaryKey k = a.key(t.schema);
                if (!targets.add(a.table + "\u0000" + k)) {
                    throw DynamoError.validation("Transaction request cannot include multiple operations on one item");
                }
                tables.add(t);
                keys.add(k);
            }
            List<Map<String, Value>> next = new ArrayList<>();
            ArrayNode reasons = JSON.arrayNode();
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < actions.size(); i++) {
                WriteAction a = actions.get(i);
                Map<String, Value> old = tables.get(i).get(keys.get(i));
                ObjectNode reason = reasons.addObject();
                String code = "None";
                Map<String, Value> after = null;
                if (!db.holds(a, old)) {
                    code = "ConditionalCheckFailed";
                    reason.put("Code", code).put("Message", "The conditional request failed");
                    if (a.oldOnFailure && old != null) {
                        reason.set("Item", Wire.json(old));
                    }
                } else {
                    try {
                        after = a.next(tables.get(i).schema, old);
                        reason.put("Code", code);
                    } catch (DynamoError e) {
                        code = "ValidationError";
                        reason.put("Code", code).put("Message", e.getMessage());
                    }
                }
                codes.add(code);
                next.add(after);
            }
            if (codes.stream().anyMatch(c -> !c.equals("None"))) {
                ObjectNode extra = JSON.objectNode();
                extra.set("CancellationReasons", reasons);
                throw DynamoError.cancelled("Transaction cancelled, please refer cancellation reasons for specific reasons "
                        + codes, extra);
            }
            for (int i = 0; i < actions.size(); i++) {
                WriteAction a = actions.get(i);
                if (a.kind == WriteAction.Kind.DELETE) {
                    tables.get(i).delete(keys.get(i));
                } else if (a.kind != WriteAction.Kind.CHECK) {
                    tables.get(i).put(next.get(i));
                }
            }
            if (token != null) {
                tokens.put(token, new Remembered(request, System.nanoTime()));
            }
            return JSON.objectNode();
        });
    }

    /** Whether a successful request with this token was made lately; a different request with it is refused. */
    private boolean repeated(String token, JsonNode request) {
        long now = System.nanoTime();
        tokens.values().removeIf(r -> now - r.at() > TOKEN_LIFE.toNanos());
        Remembered before = tokens.get(token);
        if (before == null) {
            return false;
        }
        if (!before.request().equals(request)) {
            throw DynamoError.of("IdempotentParameterMismatchException",
                    "The request uses the same client token as a previous, but non-identical request.");
        }
        return true;
    }

    private static WriteAction action(JsonNode item) {
        Input one = Input.of(item, "TransactWriteItems.TransactItems", Set.of("Put", "Update", "Delete", "ConditionCheck"));
        if (item.size() != 1) {
            throw DynamoError.validation("TransactItems can only contain one of Check, Put, Update or Delete");
        }
        if (one.has("Put")) {
            return WriteAction.parse(WriteAction.Kind.PUT, one.nested("Put", WriteAction.PUT_IN_TRANSACTION));
        }
        if (one.has("Update")) {
            return WriteAction.parse(WriteAction.Kind.UPDATE, one.nested("Update", WriteAction.UPDATE_IN_TRANSACTION));
        }
        if (one.has("Delete")) {
            return WriteAction.parse(WriteAction.Kind.DELETE, one.nested("Delete", WriteAction.DELETE_IN_TRANSACTION));
        }
        return WriteAction.parse(WriteAction.Kind.CHECK, one.nested("ConditionCheck", WriteAction.CHECK));
    }
}
