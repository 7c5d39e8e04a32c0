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
import java.util.regex.Pattern;

/**
 * CreateTable, DescribeTable, DeleteTable, UpdateTable (adding one global secondary index),
 * UpdateTimeToLive, DescribeTimeToLive (API Reference, each by name).
 */
final class TableOperations {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** API Reference, CreateTable, TableName: 3 to 255 characters of a-z, A-Z, 0-9, '_', '-', '.'. */
    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");
    private static final List<String> SCALAR_TYPES = List.of("S", "N", "B");

    private final Database db;
    private final String region;

    TableOperations(Database db, String region) {
        this.db = db;
        this.region = region;
    }

    ObjectNode createTable(JsonNode body) {
        Input in = Input.of(body, "CreateTable", Set.of("TableName", "AttributeDefinitions", "KeySchema",
                "GlobalSecondaryIndexes", "BillingMode", "ProvisionedThroughput"));
        String name = tableName(in);
        String billing = in.oneOf("BillingMode", "PROVISIONED", List.of("PROVISIONED", "PAY_PER_REQUEST"));
        if (billing.equals("PROVISIONED") && !in.has("ProvisionedThroughput")) {
            throw DynamoError.invalid("ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is"
                    + " PROVISIONED");
        }
        if (billing.equals("PAY_PER_REQUEST") && in.has("ProvisionedThroughput")) {
            throw DynamoError.invalid("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is"
                    + " PAY_PER_REQUEST");
        }
        Map<String, String> types = new LinkedHashMap<>();
        for (JsonNode d : in.required("AttributeDefinitions")) {
            Input def = Input.of(d, "AttributeDefinition", Set.of("AttributeName", "AttributeType"));
            String type = def.oneOf("AttributeType", null, SCALAR_TYPES);
            if (types.put(def.string("AttributeName"), type) != null) {
                throw DynamoError.invalid("Duplicate AttributeName in AttributeDefinitions: " + def.string("AttributeName"));
            }
        }
        Schema.KeySchema key = keySchema(in.required("KeySchema"), types, "KeySchema");
        Set<String> used = new HashSet<>(key.attributes());
        List<Schema.Index> indexes = new ArrayList<>();
        Set<String> indexNames = new HashSet<>();
        if (in.has("GlobalSecondaryIndexes")) {
            for (JsonNode g : in.get("GlobalSecondaryIndexes")) {
                Schema.Index index = index(Input.of(g, "GlobalSecondaryIndex", Set.of("IndexName", "KeySchema",
                        "Projection", "ProvisionedThroughput")), types, billing, "GlobalSecondaryIndexes.KeySchema");
                used.addAll(index.key().attributes());
                if (!indexNames.add(index.name())) {
                    throw DynamoError.invalid("Duplicate index name: " + index.name());
                }
                indexes.add(index);
            }
        }
        if (!used.equals(types.keySet())) {
            throw DynamoError.invalid("Number of attributes in KeySchema does not exactly match number of attributes defined"
                    + " in AttributeDefinitions");
        }
        Schema schema = new Schema(name, types, key, indexes, billing);
        return db.write(() -> {
            if (db.find(name) != null) {
                throw DynamoError.of("ResourceInUseException", "Table already exists: " + name);
            }
            TableData t = new TableData(schema);
            db.add(t);
            return description("TableDescription", t);
        });
    }

    /** A global secondary index as CreateTable and UpdateTable (Create) give it. */
    private static Schema.Index index(Input gi, Map<String, String> types, String billing, String where) {
        if (billing.equals("PAY_PER_REQUEST") && gi.has("ProvisionedThroughput")) {
            throw DynamoError.invalid("One or more provisioned throughput for the index " + gi.string("IndexName")
                    + " is specified while the billing mode of the table is PAY_PER_REQUEST");
        }
        Schema.KeySchema k = keySchema(gi.required("KeySchema"), types, where);
        Input p = gi.nested("Projection", Set.of("ProjectionType", "NonKeyAttributes"));
        String projection = p.oneOf("ProjectionType", "INCLUDE", List.of("ALL", "KEYS_ONLY", "INCLUDE"));
        List<String> include = new ArrayList<>();
        if (p.has("NonKeyAttributes")) {
            p.get("NonKeyAttributes").forEach(a -> include.add(a.asText()));
        }
        return new Schema.Index(gi.string("IndexName"), k, projection, include);
    }

    /**
     * UpdateTable with one {@code GlobalSecondaryIndexUpdates} Create (API Reference, UpdateTable and
     * GlobalSecondaryIndexUpdate): "You can create or delete only one global secondary index per
     * UpdateTable operation"; "AttributeDefinitions must include the key element(s) of the new index";
     * "While it's UPDATING, you can't issue another UpdateTable request" (ResourceInUseException). The
     * index is backfilled at once and answered CREATING with Backfilling true, the table UPDATING
     * ({@link TableData#addIndex}). Update and Delete of an index, and every other change UpdateTable
     * makes, are not implemented.
     */
    ObjectNode updateTable(JsonNode body) {
        Input in = Input.of(body, "UpdateTable", Set.of("TableName", "AttributeDefinitions", "GlobalSecondaryIndexUpdates"));
        String name = tableName(in);
        if (!in.has("GlobalSecondaryIndexUpdates")) {
            throw DynamoError.unsupported("UpdateTable without GlobalSecondaryIndexUpdates");
        }
        JsonNode updates = in.get("GlobalSecondaryIndexUpdates");
        if (updates.size() != 1) {
            throw DynamoError.of("LimitExceededException", "Subscriber limit exceeded: Only 1 online index can be"
                    + " created or deleted simultaneously per table");
        }
        Input create = Input.of(updates.get(0), "GlobalSecondaryIndexUpdate", Set.of("Create"))
                .nested("Create", Set.of("IndexName", "KeySchema", "Projection", "ProvisionedThroughput"));
        Map<String, String> given = new LinkedHashMap<>();
        if (in.has("AttributeDefinitions")) {
            for (JsonNode d : in.get("AttributeDefinitions")) {
                Input def = Input.of(d, "AttributeDefinition", Set.of("AttributeName", "AttributeType"));
                given.put(def.string("AttributeName"), def.oneOf("AttributeType", null, SCALAR_TYPES));
            }
        }
        return db.write(() -> {
            TableData t = db.find(name);
            if (t == null) {
                throw DynamoError.notFound(name);
            }
            if (!t.active || t.updating) {
                throw DynamoError.of("ResourceInUseException", "Attempt to change a resource which is still in use: Table"
                        + " is being " + (t.active ? "updated" : "created") + ": " + name);
            }
            Schema s = t.schema;
            Map<String, String> types = new LinkedHashMap<>(s.types());
            given.forEach((a, type) -> {
                if (types.containsKey(a) && !types.get(a).equals(type)) {
                    throw DynamoError.invalid("Cannot change the type of attribute " + a + " from " + types.get(a)
                            + " to " + type);
                }
                types.put(a, type);
            });
            Schema.Index added = index(create, given, s.billingMode(), "GlobalSecondaryIndexUpdates.Create.KeySchema");
            if (s.indexes().stream().anyMatch(i -> i.name().equals(added.name()))) {
                throw DynamoError.validation("Attempting to create an index which already exists");
            }
            List<Schema.Index> indexes = new ArrayList<>(s.indexes());
            indexes.add(added);
            t.addIndex(new Schema(s.name(), types, s.key(), indexes, s.billingMode()), added);
            return description("TableDescription", t);
        });
    }

    private static Schema.KeySchema keySchema(JsonNode node, Map<String, String> types, String where) {
        String hash = null;
        String range = null;
        for (JsonNode k : node) {
            Input e = Input.of(k, "KeySchemaElement", Set.of("AttributeName", "KeyType"));
            String attribute = e.string("AttributeName");
            String kind = e.oneOf("KeyType", null, List.of("HASH", "RANGE"));
            if (!types.containsKey(attribute)) {
                throw DynamoError.invalid("Some index key attributes are not defined in AttributeDefinitions. Keys: ["
                        + attribute + "], AttributeDefinitions: " + types.keySet());
            }
            if (kind.equals("HASH") && hash == null && range == null) {
                hash = attribute;
            } else if (kind.equals("RANGE") && hash != null && range == null) {
                range = attribute;
            } else {
                throw DynamoError.invalid("Invalid " + where + ": the first element must be HASH, an optional second RANGE");
            }
        }
        if (hash == null) {
            throw DynamoError.invalid("Invalid " + where + ": it must have a HASH key");
        }
        return new Schema.KeySchema(hash, range);
    }

    ObjectNode describeTable(JsonNode body) {
        String name = tableName(Input.of(body, "DescribeTable", Set.of("TableName")));
        return db.write(() -> {
            TableData t = db.find(name);
            if (t == null) {
                throw DynamoError.notFound(name);
            }
            if (t.updating) {
                t.updating = false; // the update has begun: its index backfills behind an ACTIVE table
            } else {
                t.building.clear(); // the next look finds the backfill done
            }
            t.active = true;
            return description("Table", t);
        });
    }

    ObjectNode deleteTable(JsonNode body) {
        String name = tableName(Input.of(body, "DeleteTable", Set.of("TableName")));
        return db.write(() -> {
            TableData t = db.find(name);
            if (t == null) {
                throw DynamoError.notFound(name);
            }
            ObjectNode out = description("TableDescription", t);
            ((ObjectNode) out.get("TableDescription")).put("TableStatus", "DELETING");
            db.remove(name);
            return out;
        });
    }

    /** API Reference, UpdateTimeToLive: enabling it twice, or disabling it when off, is a ValidationException. */
    ObjectNode updateTimeToLive(JsonNode body) {
        Input in = Input.of(body, "UpdateTimeToLive", Set.of("TableName", "TimeToLiveSpecification"));
        String name = tableName(in);
        Input spec = in.nested("TimeToLiveSpecification", Set.of("Enabled", "AttributeName"));
        boolean enabled = spec.required("Enabled").asBoolean();
        String attribute = spec.string("AttributeName");
        return db.write(() -> {
            TableData t = db.active(name);
            if (enabled && t.ttlAttribute != null) {
                throw DynamoError.validation("TimeToLive is already enabled");
            }
            if (!enabled && t.ttlAttribute == null) {
                throw DynamoError.validation("TimeToLive is already disabled");
            }
            t.ttlAttribute = enabled ? attribute : null;
            ObjectNode out = JSON.objectNode();
            out.putObject("TimeToLiveSpecification").put("Enabled", enabled).put("AttributeName", attribute);
            return out;
        });
    }

    ObjectNode describeTimeToLive(JsonNode body) {
        String name = tableName(Input.of(body, "DescribeTimeToLive", Set.of("TableName")));
        return db.read(() -> {
            TableData t = db.active(name);
            ObjectNode out = JSON.objectNode();
            ObjectNode d = out.putObject("TimeToLiveDescription");
            d.put("TimeToLiveStatus", t.ttlAttribute == null ? "DISABLED" : "ENABLED");
            if (t.ttlAttribute != null) {
                d.put("AttributeName", t.ttlAttribute);
            }
            return out;
        });
    }

    static String tableName(Input in) {
        String name = in.string("TableName");
        if (!TABLE_NAME.matcher(name).matches()) {
            throw DynamoError.validation("1 validation error detected: Value '" + name + "' at 'tableName' failed to satisfy"
                    + " constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+ and have length between 3"
                    + " and 255");
        }
        return name;
    }

    private ObjectNode description(String field, TableData t) {
        Schema s = t.schema;
        ObjectNode out = JSON.objectNode();
        ObjectNode d = out.putObject(field);
        d.put("TableName", s.name());
        d.put("TableStatus", !t.active ? "CREATING" : t.updating ? "UPDATING" : "ACTIVE");
        d.put("TableArn", "arn:aws:dynamodb:" + region + ":000000000000:table/" + s.name());
        d.put("CreationDateTime", t.created.toEpochMilli() / 1000.0);
        ArrayNode defs = d.putArray("AttributeDefinitions");
        s.types().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> defs.addObject().put("AttributeName", e.getKey()).put("AttributeType", e.getValue()));
        keySchema(d.putArray("KeySchema"), s.key());
        d.put("ItemCount", t.itemCount());
        d.put("TableSizeBytes", t.sizeBytes());
        d.putObject("BillingModeSummary").put("BillingMode", s.billingMode());
        if (!s.indexes().isEmpty()) {
            ArrayNode gsis = d.putArray("GlobalSecondaryIndexes");
            for (Schema.Index i : s.indexes()) {
                ObjectNode g = gsis.addObject();
                g.put("IndexName", i.name());
                keySchema(g.putArray("KeySchema"), i.key());
                ObjectNode p = g.putObject("Projection").put("ProjectionType", i.projection());
                if (!i.include().isEmpty()) {
                    ArrayNode a = p.putArray("NonKeyAttributes");
                    i.include().forEach(a::add);
                }
                boolean building = t.building.contains(i.name());
                g.put("IndexStatus", t.active && !building ? "ACTIVE" : "CREATING");
                if (building) {
                    // Only for an index UpdateTable added: "For indexes that were created during a CreateTable
                    // operation, the Backfilling attribute does not appear in the DescribeTable output."
                    g.put("Backfilling", true);
                }
                g.put("ItemCount", t.indexCount(i.name()));
                g.put("IndexArn", "arn:aws:dynamodb:" + region + ":000000000000:table/" + s.name() + "/index/" + i.name());
            }
        }
        return out;
    }

    private static void keySchema(ArrayNode out, Schema.KeySchema k) {
        out.addObject().put("AttributeName", k.hash()).put("KeyType", "HASH");
        if (k.range() != null) {
            out.addObject().put("AttributeName", k.range()).put("KeyType", "RANGE");
        }
    }
}
