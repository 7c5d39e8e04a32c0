package io.countersign.store.dynamodb.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scan of a table (API Reference, Scan), as far as a store's export reads it: every item once, in a
 * stable order, {@code ProjectionExpression}, {@code ConsistentRead}, and pages of at most {@code Limit}
 * items or 1 MB with the {@code LastEvaluatedKey} to pass back as {@code ExclusiveStartKey}. A filter,
 * an index or a parallel segment is refused, not ignored.
 */
final class ScanOperation {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Database db;

    ScanOperation(Database db) {
        this.db = db;
    }

    ObjectNode scan(JsonNode body) {
        Input in = Input.of(body, "Scan", Set.of("TableName", "ExpressionAttributeNames", "Limit", "ExclusiveStartKey",
                "ProjectionExpression", "ConsistentRead"));
        String table = TableOperations.tableName(in);
        Bindings bindings = Bindings.of(in);
        List<Expr.Path> projection = ItemOperations.projection(in, bindings);
        bindings.checkAllUsed(true);
        int limit = Integer.MAX_VALUE;
        if (in.has("Limit")) {
            limit = in.get("Limit").asInt();
            if (limit < 1) {
                throw DynamoError.validation("1 validation error detected: Value '" + limit + "' at 'limit' failed to satisfy"
                        + " constraint: Member must have value greater than or equal to 1");
            }
        }
        Map<String, Value> start = in.has("ExclusiveStartKey") ? Wire.item(in.get("ExclusiveStartKey")) : null;
        int max = limit;
        return db.read(() -> {
            TableData t = db.active(table);
            PrimaryKey after = null;
            if (start != null) {
                if (!start.keySet().equals(t.schema.keyAttributes())) {
                    throw DynamoError.validation("The provided starting key is invalid: The provided key element does not"
                            + " match the schema");
                }
                after = t.schema.keyOf(start);
            }
            ObjectNode out = JSON.objectNode();
            ArrayNode items = out.putArray("Items");
            long read = 0;
            int count = 0;
            Map<String, Value> last = null;
            for (Map<String, Value> item : t.scan(after)) {
                items.add(Wire.json(ItemOperations.project(projection, item)));
                count++;
                read += Value.itemSize(item);
                if (count == max || read >= Limits.PAGE) {
                    last = item;
                    break;
                }
            }
            out.put("Count", count);
            out.put("ScannedCount", count);
            if (last != null) {
                out.set("LastEvaluatedKey", Wire.json(t.schema.keyItem(last, t.schema.key())));
            }
            return out;
        });
    }
}
