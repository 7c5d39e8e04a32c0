package io.countersign.store.dynamodb.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.store.dynamodb.testserver.Expr.Condition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;

/**
 * Query on the table or on a global secondary index (API Reference, Query): a key condition of
 * {@code =} on the partition key and at most one of {@code = < <= > >= BETWEEN begins_with} on the sort
 * key; results in sort-key order (strings by UTF-8 bytes, numbers by value), reversed by
 * {@code ScanIndexForward=false}; a page ends at {@code Limit} items or after 1 MB read, with the
 * {@code LastEvaluatedKey} to pass back as {@code ExclusiveStartKey}.
 */
final class QueryOperation {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String KCE = "KeyConditionExpression";

    private final Database db;

    QueryOperation(Database db) {
        this.db = db;
    }

    /** The sort-key part of a key condition: {@code op} is = < <= > >= BETWEEN or begins_with. */
    private record RangeCondition(String op, Value a, Value b) {
        boolean test(Value v) {
            switch (op) {
                case "BETWEEN":
                    return Evaluator.compare(">=", v, a) && Evaluator.compare("<=", v, b);
                case "begins_with":
                    return Evaluator.beginsWith(v, a);
                default:
                    return Evaluator.compare(op, v, a);
            }
        }
    }

    ObjectNode query(JsonNode body) {
        Input in = Input.of(body, "Query", Set.of("TableName", "IndexName", KCE, "ExpressionAttributeNames",
                "ExpressionAttributeValues", "ScanIndexForward", "Limit", "ExclusiveStartKey", "ProjectionExpression",
                "ConsistentRead"));
        String table = TableOperations.tableName(in);
        String indexName = in.optional("IndexName");
        Bindings bindings = Bindings.of(in);
        Condition condition = Parser.condition(in.string(KCE), KCE, bindings);
        Evaluator.validate(condition, KCE);
        List<Expr.Path> projection = ItemOperations.projection(in, bindings);
        bindings.checkAllUsed(true);
        boolean forward = in.bool("ScanIndexForward", true);
        int limit = Integer.MAX_VALUE;
        if (in.has("Limit")) {
            limit = in.get("Limit").asInt();
            if (limit < 1) {
                throw DynamoError.validation("1 validation error detected: Value '" + limit + "' at 'limit' failed to satisfy"
                        + " constraint: Member must have value greater than or equal to 1");
            }
        }
        if (indexName != null && in.bool("ConsistentRead", false)) {
            throw DynamoError.validation("Consistent reads are not supported on global secondary indexes");
        }
        Map<String, Value> start = in.has("ExclusiveStartKey") ? Wire.item(in.get("ExclusiveStartKey")) : null;
        int max = limit;
        return db.read(() -> {
            TableData t = db.active(table);
            Schema.Index index = indexName == null ? null : t.schema.index(indexName);
            if (index != null && t.building.contains(indexName)) {
                throw DynamoError.validation("Cannot read from backfilling global secondary index: " + indexName);
            }
            Schema.KeySchema key = index == null ? t.schema.key() : index.key();
            Map<String, Condition> parts = new LinkedHashMap<>();
            split(condition, parts, key);
            Value hash = hashValue(parts.get(key.hash()), key.hash(), t.schema);
            RangeCondition range = key.range() == null ? null : rangeCondition(parts.get(key.range()), key.range(), t.schema);
            List<Map<String, Value>> candidates = index == null
                    ? tableItems(t, hash, start, forward) : indexItems(t, index, hash, start, forward);
            return page(t.schema, key, candidates, range, max, projection);
        });
    }

    private static ObjectNode page(Schema schema, Schema.KeySchema key, List<Map<String, Value>> candidates,
            RangeCondition range, int limit, List<Expr.Path> projection) {
        ObjectNode out = JSON.objectNode();
        ArrayNode items = out.putArray("Items");
        long read = 0;
        int count = 0;
        Map<String, Value> last = null;
        for (Map<String, Value> item : candidates) {
            if (range != null && !range.test(item.get(key.range()))) {
                continue;
            }
            items.add(Wire.json(ItemOperations.project(projection, item)));
            count++;
            read += Value.itemSize(item);
            if (count == limit || read >= Limits.PAGE) {
                last = item;
                break;
            }
        }
        out.put("Count", count);
        out.put("ScannedCount", count);
        if (last != null) {
            Map<String, Value> lek = schema.keyItem(last, schema.key());
            lek.putAll(schema.keyItem(last, key));
            out.set("LastEvaluatedKey", Wire.json(lek));
        }
        return out;
    }

    private static List<Map<String, Value>> tableItems(TableData t, Value hash, Map<String, Value> start, boolean forward) {
        NavigableMap<Value, Map<String, Value>> part = t.partition(hash);
        if (start != null) {
            PrimaryKey from = startKey(t.schema, start, t.schema.key(), hash);
            part = forward ? part.tailMap(from.range(), false) : part.headMap(from.range(), false);
        }
        return new ArrayList<>((forward ? part : part.descendingMap()).values());
    }

    private static List<Map<String, Value>> indexItems(TableData t, Schema.Index index, Value hash, Map<String, Value> start,
            boolean forward) {
        NavigableMap<TableData.IndexPosition, Map<String, Value>> part = t.indexPartition(index.name(), hash);
        if (start != null) {
            startKey(t.schema, start, index.key(), hash);
            Value range = index.key().range() == null ? PrimaryKey.NONE : start.get(index.key().range());
            TableData.IndexPosition from = new TableData.IndexPosition(range, t.schema.keyOf(start));
            part = forward ? part.tailMap(from, false) : part.headMap(from, false);
        }
        return new ArrayList<>((forward ? part : part.descendingMap()).values());
    }

    /** An ExclusiveStartKey: the table's key attributes and the index's, typed, on the partition queried. */
    private static PrimaryKey startKey(Schema schema, Map<String, Value> start, Schema.KeySchema key, Value hash) {
        Set<String> wanted = schema.keyAttributes();
        wanted.addAll(key.attributes());
        for (String a : wanted) {
            Value v = start.get(a);
            if (v == null || !v.type().equals(schema.types().get(a))) {
                throw DynamoError.validation("The provided starting key is invalid: The provided key element does not match"
                        + " the schema");
            }
        }
        if (start.size() != wanted.size()) {
            throw DynamoError.validation("The provided starting key is invalid: The provided key element does not match the"
                    + " schema");
        }
        if (!start.get(key.hash()).equals(hash)) {
            throw DynamoError.validation("The provided starting key is outside query boundaries based on provided conditions");
        }
        return schema.keyOf(start);
    }

    /** Splits the key condition into one condition per key attribute; anything else is refused as DynamoDB does. */
    private static void split(Condition c, Map<String, Condition> parts, Schema.KeySchema key) {
        if (c instanceof Expr.And a) {
            split(a.left(), parts, key);
            split(a.right(), parts, key);
            return;
        }
        String op;
        Expr.Operand subject;
        if (c instanceof Expr.Compare cmp) {
            op = cmp.op();
            subject = cmp.left() instanceof Expr.Path ? cmp.left() : cmp.right();
        } else if (c instanceof Expr.Between b) {
            op = "BETWEEN";
            subject = b.operand();
        } else if (c instanceof Expr.Function f) {
            op = f.name();
            subject = f.args().get(0);
        } else {
            op = c instanceof Expr.Or ? "OR" : c instanceof Expr.Not ? "NOT" : "IN";
            subject = null;
        }
        if (op.equals("<>") || (c instanceof Expr.Function && !op.equals("begins_with")) || subject == null) {
            throw DynamoError.validation("Invalid operator used in KeyConditionExpression: " + op);
        }
        if (!(subject instanceof Expr.Path p)) {
            throw DynamoError.validation("Invalid KeyConditionExpression: a condition must compare a key attribute with a value");
        }
        if (!key.attributes().contains(p.name())) {
            String missed = parts.containsKey(key.hash()) || key.range() == null ? key.range() : key.hash();
            throw DynamoError.validation("Query condition missed key schema element: " + (missed != null ? missed : key.hash()));
        }
        if (parts.put(p.name(), c) != null) {
            throw DynamoError.validation("KeyConditionExpressions must only contain one condition per key");
        }
    }

    private static Value hashValue(Condition c, String attribute, Schema schema) {
        if (c == null) {
            throw DynamoError.validation("Query condition missed key schema element: " + attribute);
        }
        if (!(c instanceof Expr.Compare cmp) || !cmp.op().equals("=")) {
            throw DynamoError.validation("Query key condition not supported");
        }
        return typed(cmp.left() instanceof Expr.Literal l ? l : literal(cmp.right()), attribute, schema);
    }

    private static RangeCondition rangeCondition(Condition c, String attribute, Schema schema) {
        if (c == null) {
            return null;
        }
        if (c instanceof Expr.Between b) {
            return new RangeCondition("BETWEEN", typed(literal(b.low()), attribute, schema),
                    typed(literal(b.high()), attribute, schema));
        }
        if (c instanceof Expr.Function f) {
            return new RangeCondition("begins_with", typed(literal(f.args().get(1)), attribute, schema), null);
        }
        Expr.Compare cmp = (Expr.Compare) c;
        if (cmp.left() instanceof Expr.Path) {
            return new RangeCondition(cmp.op(), typed(literal(cmp.right()), attribute, schema), null);
        }
        // ":v < sk" is "sk > :v"
        String flipped = switch (cmp.op()) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> cmp.op();
        };
        return new RangeCondition(flipped, typed(literal(cmp.left()), attribute, schema), null);
    }

    private static Expr.Literal literal(Expr.Operand o) {
        if (!(o instanceof Expr.Literal l)) {
            throw DynamoError.validation("Invalid KeyConditionExpression: a key attribute must be compared with a value");
        }
        return l;
    }

    private static Value typed(Expr.Literal l, String attribute, Schema schema) {
        if (!l.value().type().equals(schema.types().get(attribute))) {
            throw DynamoError.invalid("Condition parameter type does not match schema type");
        }
        return l.value();
    }
}
