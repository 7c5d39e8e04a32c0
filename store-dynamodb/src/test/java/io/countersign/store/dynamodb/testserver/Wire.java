package io.countersign.store.dynamodb.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** AttributeValues and items between their JSON form (API Reference, "AttributeValue") and {@link Value}. */
final class Wire {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** DynamoDB's number range (Developer Guide, "Data types"): 38 digits, magnitudes 1E-130 to 9.9E+125. */
    private static final BigDecimal MAX = new BigDecimal("1E+126");
    private static final BigDecimal MIN = new BigDecimal("1E-130");

    private Wire() {
    }

    /** An item or key: a map of attribute names to values. */
    static Map<String, Value> item(JsonNode node) {
        if (!node.isObject()) {
            throw DynamoError.service("SerializationException", "Start of list found where not expected");
        }
        Map<String, Value> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            out.put(e.getKey(), value(e.getValue()));
        }
        return out;
    }

    static Value value(JsonNode node) {
        if (!node.isObject() || node.size() == 0) {
            throw DynamoError.validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        if (node.size() > 1) {
            throw DynamoError.validation(
                    "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
        }
        Map.Entry<String, JsonNode> only = node.properties().iterator().next();
        JsonNode v = only.getValue();
        switch (only.getKey()) {
            case "S":
                return new Value.S(v.asText());
            case "N":
                return new Value.N(number(v.asText()));
            case "B":
                return binary(v.asText());
            case "BOOL":
                return new Value.Bool(v.asBoolean());
            case "NULL":
                if (!v.asBoolean()) {
                    throw DynamoError.invalid("Null attribute value types must have the value of true");
                }
                return new Value.Null();
            case "L": {
                List<Value> list = new ArrayList<>();
                v.forEach(e -> list.add(value(e)));
                return new Value.L(list);
            }
            case "M":
                return new Value.M(item(v));
            case "SS": {
                List<String> all = new ArrayList<>();
                v.forEach(e -> all.add(e.asText()));
                return new Value.SS(set(all, "string"));
            }
            case "NS": {
                List<BigDecimal> all = new ArrayList<>();
                v.forEach(e -> all.add(number(e.asText())));
                return new Value.NS(set(all, "number"));
            }
            case "BS": {
                List<Value.B> all = new ArrayList<>();
                v.forEach(e -> all.add(binary(e.asText())));
                return new Value.BS(set(all, "binary"));
            }
            default:
                throw DynamoError.validation("Supplied AttributeValue has an unsupported datatype: " + only.getKey());
        }
    }

    private static <T> Set<T> set(List<T> all, String kind) {
        if (all.isEmpty()) {
            throw DynamoError.invalid("An " + kind + " set  may not be empty");
        }
        Set<T> out = new HashSet<>(all);
        if (out.size() != all.size()) {
            throw DynamoError.validation("Input collection " + all + " contains duplicates.");
        }
        return out;
    }

    static BigDecimal number(String text) {
        BigDecimal n;
        try {
            n = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw DynamoError.validation("The parameter cannot be converted to a numeric value: " + text);
        }
        n = Value.normal(n);
        if (n.precision() > 38) {
            throw DynamoError.validation("Attempting to store more than 38 significant digits in a Number");
        }
        if (n.signum() != 0 && n.abs().compareTo(MAX) >= 0) {
            throw DynamoError.validation("Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        if (n.signum() != 0 && n.abs().compareTo(MIN) < 0) {
            throw DynamoError.validation("Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        return n;
    }

    private static Value.B binary(String base64) {
        try {
            return new Value.B(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw DynamoError.service("SerializationException", "Base64 encoded length is expected a multiple of 4 bytes");
        }
    }

    static ObjectNode json(Map<String, Value> item) {
        ObjectNode o = JSON.objectNode();
        item.forEach((k, v) -> o.set(k, json(v)));
        return o;
    }

    static ObjectNode json(Value value) {
        ObjectNode o = JSON.objectNode();
        if (value instanceof Value.S s) {
            o.put("S", s.v());
        } else if (value instanceof Value.N n) {
            o.put("N", n.v().toPlainString());
        } else if (value instanceof Value.B b) {
            o.put("B", Base64.getEncoder().encodeToString(b.v()));
        } else if (value instanceof Value.Bool b) {
            o.put("BOOL", b.v());
        } else if (value instanceof Value.Null) {
            o.put("NULL", true);
        } else if (value instanceof Value.L l) {
            ArrayNode a = o.putArray("L");
            l.v().forEach(e -> a.add(json(e)));
        } else if (value instanceof Value.M m) {
            o.set("M", json(m.v()));
        } else if (value instanceof Value.SS s) {
            ArrayNode a = o.putArray("SS");
            s.v().stream().sorted().forEach(a::add);
        } else if (value instanceof Value.NS n) {
            ArrayNode a = o.putArray("NS");
            n.v().stream().sorted().forEach(e -> a.add(e.toPlainString()));
        } else if (value instanceof Value.BS b) {
            ArrayNode a = o.putArray("BS");
            b.v().stream().sorted(Value::compare).forEach(e -> a.add(Base64.getEncoder().encodeToString(e.v())));
        }
        return o;
    }
}
