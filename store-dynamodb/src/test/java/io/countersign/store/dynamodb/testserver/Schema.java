package io.countersign.store.dynamodb.testserver;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A table's definition as CreateTable gave it: attribute types, the primary key, the global secondary
 * indexes; and the checks every written item and every key must pass (API Reference, PutItem, GetItem:
 * the key attributes present, of their declared type, not empty; index key attributes of their declared
 * type when present).
 */
record Schema(String name, Map<String, String> types, KeySchema key, List<Index> indexes, String billingMode) {

    /** Key sizes (Developer Guide, "Service quotas": partition key 2048 bytes, sort key 1024 bytes). */
    private static final int MAX_HASH = 2048;
    private static final int MAX_RANGE = 1024;

    Schema {
        types = Map.copyOf(types);
        indexes = List.copyOf(indexes);
    }

    /** A hash attribute and an optional range attribute. */
    record KeySchema(String hash, String range) {
        List<String> attributes() {
            return range == null ? List.of(hash) : List.of(hash, range);
        }
    }

    /** A global secondary index; {@code projection} ALL, KEYS_ONLY or INCLUDE (with {@code include}). */
    record Index(String name, KeySchema key, String projection, List<String> include) {
        Index {
            include = include == null ? List.of() : List.copyOf(include);
        }
    }

    Index index(String indexName) {
        for (Index i : indexes) {
            if (i.name().equals(indexName)) {
                return i;
            }
        }
        throw DynamoError.validation("The table does not have the specified index: " + indexName);
    }

    /** The table's key attributes. */
    Set<String> keyAttributes() {
        return new LinkedHashSet<>(key.attributes());
    }

    /** Checks a written item: its key complete and typed, its index keys typed, its size within 400 KB. */
    void checkItem(Map<String, Value> item) {
        for (String a : key.attributes()) {
            Value v = item.get(a);
            if (v == null) {
                throw DynamoError.invalid("Missing the key " + a + " in the item");
            }
            if (!v.type().equals(types.get(a))) {
                throw DynamoError.invalid("Type mismatch for key " + a + " expected: " + types.get(a) + " actual: " + v.type());
            }
            checkKeyValue(a, v);
        }
        checkIndexKeys(item);
        if (Value.itemSize(item) > Limits.ITEM_SIZE) {
            throw DynamoError.validation("Item size has exceeded the maximum allowed size");
        }
    }

    /** Index key attributes of a written item: of their declared type, strings and binaries not empty. */
    void checkIndexKeys(Map<String, Value> item) {
        for (Index i : indexes) {
            for (String a : i.key().attributes()) {
                Value v = item.get(a);
                if (v == null) {
                    continue; // sparse: the item is not in this index
                }
                if (!v.type().equals(types.get(a))) {
                    throw DynamoError.invalid("Type mismatch for Index Key " + a + " Expected: " + types.get(a) + " Actual: "
                            + v.type() + " IndexName: " + i.name());
                }
                if (empty(v)) {
                    throw DynamoError.validation("One or more parameter values are not valid. A value specified for a"
                            + " secondary index key is not supported. The AttributeValue for a key attribute cannot contain an"
                            + " empty string value. IndexName: " + i.name() + ", IndexKey: " + a);
                }
            }
        }
    }

    /** A key given to GetItem, DeleteItem, UpdateItem: exactly the key attributes, each of its type. */
    PrimaryKey key(Map<String, Value> given) {
        if (given.size() != key.attributes().size()) {
            throw DynamoError.validation("The provided key element does not match the schema");
        }
        for (String a : key.attributes()) {
            Value v = given.get(a);
            if (v == null || !v.type().equals(types.get(a))) {
                throw DynamoError.validation("The provided key element does not match the schema");
            }
            checkKeyValue(a, v);
        }
        return keyOf(given);
    }

    /** The primary key of a checked item. */
    PrimaryKey keyOf(Map<String, Value> item) {
        return new PrimaryKey(item.get(key.hash()), key.range() == null ? PrimaryKey.NONE : item.get(key.range()));
    }

    /** The item's key attributes alone. */
    Map<String, Value> keyItem(Map<String, Value> item, KeySchema of) {
        Map<String, Value> out = new java.util.LinkedHashMap<>();
        for (String a : of.attributes()) {
            out.put(a, item.get(a));
        }
        return out;
    }

    private void checkKeyValue(String a, Value v) {
        if (empty(v)) {
            throw DynamoError.validation("One or more parameter values are not valid. The AttributeValue for a key attribute"
                    + " cannot contain an empty " + (v instanceof Value.S ? "string" : "binary") + " value. Key: " + a);
        }
        long size = v.size();
        boolean hash = a.equals(key.hash());
        if (size > (hash ? MAX_HASH : MAX_RANGE)) {
            throw DynamoError.invalid("Size of " + (hash ? "hashkey" : "rangekey") + " has exceeded the maximum size limit of"
                    + (hash ? MAX_HASH : MAX_RANGE) + " bytes");
        }
    }

    private static boolean empty(Value v) {
        return (v instanceof Value.S s && s.v().isEmpty()) || (v instanceof Value.B b && b.v().length == 0);
    }

    /** The attributes an index projects from an item: all of them, or its keys and the table's (and INCLUDE's). */
    Map<String, Value> project(Index i, Map<String, Value> item) {
        if (i.projection().equals("ALL")) {
            return item;
        }
        List<String> wanted = new ArrayList<>(key.attributes());
        wanted.addAll(i.key().attributes());
        wanted.addAll(i.include());
        Map<String, Value> out = new java.util.LinkedHashMap<>();
        for (String a : wanted) {
            if (item.containsKey(a)) {
                out.put(a, item.get(a));
            }
        }
        return out;
    }
}
