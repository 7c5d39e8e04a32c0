package io.countersign.store.dynamodb.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One request's parameters (or one nested structure of them), read strictly: a parameter this test
 * double does not implement is refused by name rather than silently ignored, and a missing required
 * parameter gets DynamoDB's "Member must not be null".
 */
final class Input {

    private final JsonNode node;
    private final String where;

    private Input(JsonNode node, String where) {
        this.node = node;
        this.where = where;
    }

    /** {@code node} as the parameters of {@code where}; any name outside {@code known} is refused. */
    static Input of(JsonNode node, String where, Set<String> known) {
        if (node == null || !node.isObject()) {
            throw DynamoError.service("SerializationException", "Start of structure or map expected for " + where);
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!known.contains(name)) {
                throw DynamoError.unsupported("the parameter " + name + " of " + where);
            }
        }
        return new Input(node, where);
    }

    boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    JsonNode get(String name) {
        return node.get(name);
    }

    JsonNode required(String name) {
        if (!has(name)) {
            throw DynamoError.validation("1 validation error detected: Value null at '" + member(name)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return node.get(name);
    }

    String string(String name) {
        return required(name).asText();
    }

    String optional(String name) {
        return has(name) ? node.get(name).asText() : null;
    }

    boolean bool(String name, boolean otherwise) {
        return has(name) ? node.get(name).asBoolean() : otherwise;
    }

    /** A parameter that must be one of {@code allowed} when given, as DynamoDB's enum constraints say. */
    String oneOf(String name, String otherwise, List<String> allowed) {
        String v = optional(name);
        if (v == null) {
            return otherwise;
        }
        if (!allowed.contains(v)) {
            throw DynamoError.validation("1 validation error detected: Value '" + v + "' at '" + member(name)
                    + "' failed to satisfy constraint: Member must satisfy enum value set: " + allowed);
        }
        return v;
    }

    Input nested(String name, Set<String> known) {
        return Input.of(required(name), where + "." + name, known);
    }

    String where() {
        return where;
    }

    /** {@code ExpressionAttributeNames} (empty when absent). */
    Map<String, String> names() {
        Map<String, String> out = new LinkedHashMap<>();
        if (has("ExpressionAttributeNames")) {
            node.get("ExpressionAttributeNames").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
            if (out.isEmpty()) {
                throw DynamoError.validation("ExpressionAttributeNames must not be empty");
            }
        }
        return out;
    }

    /** {@code ExpressionAttributeValues} (empty when absent). */
    Map<String, Value> values() {
        if (!has("ExpressionAttributeValues")) {
            return Map.of();
        }
        Map<String, Value> out = Wire.item(node.get("ExpressionAttributeValues"));
        if (out.isEmpty()) {
            throw DynamoError.validation("ExpressionAttributeValues must not be empty");
        }
        return out;
    }

    /** The name as DynamoDB's constraint messages write it: {@code tableName} for {@code TableName}. */
    private static String member(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
