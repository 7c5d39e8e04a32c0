package io.countersign.store.dynamodb.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** PutItem, GetItem, UpdateItem, DeleteItem and BatchGetItem (API Reference, each by name). */
final class ItemOperations {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Database db;

    ItemOperations(Database db) {
        this.db = db;
    }

    ObjectNode putItem(JsonNode body) {
        Input in = Input.of(body, "PutItem", WriteAction.PUT);
        String returns = in.oneOf("ReturnValues", "NONE", List.of("NONE", "ALL_OLD"));
        return write(WriteAction.parse(WriteAction.Kind.PUT, in), returns);
    }

    ObjectNode updateItem(JsonNode body) {
        Input in = Input.of(body, "UpdateItem", WriteAction.UPDATE);
        String returns = in.oneOf("ReturnValues", "NONE", List.of("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"));
        return write(WriteAction.parse(WriteAction.Kind.UPDATE, in), returns);
    }

    ObjectNode deleteItem(JsonNode body) {
        Input in = Input.of(body, "DeleteItem", WriteAction.DELETE);
        String returns = in.oneOf("ReturnValues", "NONE", List.of("NONE", "ALL_OLD"));
        return write(WriteAction.parse(WriteAction.Kind.DELETE, in), returns);
    }

    /** One conditional write; a failed condition is ConditionalCheckFailedException and writes nothing. */
    private ObjectNode write(WriteAction action, String returns) {
        return db.write(() -> {
            TableData t = db.active(action.table);
            PrimaryKey key = action.key(t.schema);
            Map<String, Value> old = t.get(key);
            if (!db.holds(action, old)) {
                throw action.oldOnFailure && old != null ? DynamoError.conditionFailed(item(old))
                        : DynamoError.conditionFailed();
            }
            Map<String, Value> next = action.next(t.schema, old);
            if (next == null) {
                t.delete(key);
            } else {
                t.put(next);
            }
            ObjectNode out = JSON.objectNode();
            Map<String, Value> shown = returned(returns, old, next, action.updated());
            if (shown != null && !shown.isEmpty()) {
                out.set("Attributes", Wire.json(shown));
            }
            return out;
        });
    }

    private static Map<String, Value> returned(String returns, Map<String, Value> old, Map<String, Value> next,
            Set<String> updated) {
        switch (returns) {
            case "ALL_OLD":
                return old;
            case "ALL_NEW":
                return next;
            case "UPDATED_OLD":
                return only(old, updated);
            case "UPDATED_NEW":
                return only(next, updated);
            default:
                return null;
        }
    }

    private static Map<String, Value> only(Map<String, Value> item, Set<String> names) {
        Map<String, Value> out = new LinkedHashMap<>();
        if (item != null) {
            names.stream().filter(item::containsKey).forEach(n -> out.put(n, item.get(n)));
        }
        return out;
    }

    private static ObjectNode item(Map<String, Value> item) {
        ObjectNode o = JSON.objectNode();
        o.set("Item", Wire.json(item));
        return o;
    }

    ObjectNode getItem(JsonNode body) {
        Input in = Input.of(body, "GetItem", Set.of("TableName", "Key", "ConsistentRead", "ProjectionExpression",
                "ExpressionAttributeNames"));
        String table = TableOperations.tableName(in);
        Bindings bindings = Bindings.of(in);
        List<Expr.Path> projection = projection(in, bindings);
        bindings.checkAllUsed(projection != null);
        Map<String, Value> given = Wire.item(in.required("Key"));
        in.bool("ConsistentRead", false);
        return db.read(() -> {
            TableData t = db.active(table);
            Map<String, Value> item = t.get(t.schema.key(given));
            ObjectNode out = JSON.objectNode();
            if (item != null) {
                out.set("Item", Wire.json(project(projection, item)));
            }
            return out;
        });
    }

    /** A ProjectionExpression; null when none. */
    static List<Expr.Path> projection(Input in, Bindings bindings) {
        return in.has("ProjectionExpression") ? Parser.projection(in.string("ProjectionExpression"), bindings) : null;
    }

    /** The attributes a projection names that the item has; the whole item without one. */
    static Map<String, Value> project(List<Expr.Path> projection, Map<String, Value> item) {
        if (projection == null) {
            return item;
        }
        Map<String, Value> out = new LinkedHashMap<>();
        for (Expr.Path p : projection) {
            if (item.containsKey(p.name())) {
                out.put(p.name(), item.get(p.name()));
            }
        }
        return out;
    }

    /**
     * API Reference, BatchGetItem: at most 100 keys, none twice; items come back in no particular order,
     * and what does not fit in 16 MB comes back as UnprocessedKeys.
     */
    ObjectNode batchGetItem(JsonNode body) {
        Input in = Input.of(body, "BatchGetItem", Set.of("RequestItems"));
        Map<String, List<Map<String, Value>>> keys = new LinkedHashMap<>();
        Map<String, List<Expr.Path>> projections = new LinkedHashMap<>();
        Map<String, JsonNode> asked = new LinkedHashMap<>();
        int total = 0;
        for (Map.Entry<String, JsonNode> e : in.required("RequestItems").properties()) {
            Input ka = Input.of(e.getValue(), "BatchGetItem.RequestItems", Set.of("Keys", "ConsistentRead",
                    "ProjectionExpression", "ExpressionAttributeNames"));
            Bindings bindings = Bindings.of(ka);
            projections.put(e.getKey(), projection(ka, bindings));
            bindings.checkAllUsed(ka.has("ProjectionExpression"));
            List<Map<String, Value>> list = new ArrayList<>();
            Set<Map<String, Value>> distinct = new HashSet<>();
            for (JsonNode k : ka.required("Keys")) {
                Map<String, Value> key = Wire.item(k);
                if (!distinct.add(key)) {
                    throw DynamoError.validation("Provided list of item keys contains duplicates");
                }
                list.add(key);
            }
            total += list.size();
            keys.put(e.getKey(), list);
            asked.put(e.getKey(), e.getValue());
        }
        if (total > Limits.BATCH_GET_KEYS) {
            throw DynamoError.validation("Too many items requested for the BatchGetItem call");
        }
        if (total == 0) {
            throw DynamoError.validation("1 validation error detected: Value at 'requestItems' failed to satisfy constraint:"
                    + " Member must have length greater than or equal to 1");
        }
        return db.read(() -> {
            ObjectNode out = JSON.objectNode();
            ObjectNode responses = out.putObject("Responses");
            ObjectNode unprocessed = out.putObject("UnprocessedKeys");
            long bytes = 0;
            for (Map.Entry<String, List<Map<String, Value>>> e : keys.entrySet()) {
                TableData t = db.active(e.getKey());
                ArrayNode found = responses.putArray(e.getKey());
                ArrayNode left = JSON.arrayNode();
                for (Map<String, Value> key : e.getValue()) {
                    Map<String, Value> item = t.get(t.schema.key(key));
                    if (item == null) {
                        continue;
                    }
                    Map<String, Value> shown = project(projections.get(e.getKey()), item);
                    bytes += Value.itemSize(shown);
                    if (bytes > Limits.BATCH_GET_BYTES) {
                        left.add(Wire.json(key));
                    } else {
                        found.add(Wire.json(shown));
                    }
                }
                if (!left.isEmpty()) {
                    ObjectNode again = ((ObjectNode) asked.get(e.getKey())).deepCopy();
                    again.set("Keys", left);
                    unprocessed.set(e.getKey(), again);
                }
            }
            return out;
        });
    }
}
