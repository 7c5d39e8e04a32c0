package io.countersign.store.dynamodb;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Tables as older countersigns made them, or as someone changed them by hand: what upgrade and check meet. */
public final class OldTables {

    /** The indexes a table had before {@code due}, {@code followUps} and {@code settled}: the first six. */
    public static final List<TableShape.Index> BEFORE_DUE = TableShape.INDEXES.subList(0, 6);

    /** The indexes a table had before {@code settled}: every other. */
    public static final List<TableShape.Index> BEFORE_SETTLED = TableShape.INDEXES.stream()
            .filter(i -> !i.name().equals(Table.SETTLED)).toList();

    private OldTables() {
    }

    /** A table made before the {@code due} and {@code followUps} indexes were (and so before {@code settled}). */
    public static void beforeDue(DynamoDbClient db, String name) {
        Table.create(db, name, BEFORE_DUE);
    }

    /** A table made with the due indexes, before the {@code settled} index was. */
    public static void beforeSettled(DynamoDbClient db, String name) {
        Table.create(db, name, BEFORE_SETTLED);
    }

    /**
     * A table whose {@code due} index someone made by hand projecting the keys only (a query of it would
     * give items without their data) and with no {@code followUps} or {@code settled} index.
     */
    public static void withKeysOnlyDue(DynamoDbClient db, String name) {
        beforeDue(db, name);
        startAdding(db, name, Table.DUE, ProjectionType.KEYS_ONLY);
        while (TableShape.problems(db.describeTable(b -> b.tableName(name)).table()).stream()
                .anyMatch(p -> p.kind() == TableShape.Kind.BUILDING)) {
            Thread.onSpinWait(); // the test server has it ACTIVE by the second look
        }
    }

    /** Asks DynamoDB for one of the store's indexes, projecting {@code projection}, and does not wait for it. */
    public static void startAdding(DynamoDbClient db, String name, String index, ProjectionType projection) {
        TableShape.Index i = TableShape.INDEXES.stream().filter(x -> x.name().equals(index)).findFirst().orElseThrow();
        GlobalSecondaryIndexUpdate create = GlobalSecondaryIndexUpdate.builder().create(c -> c.indexName(i.name())
                .keySchema(key(i.hash(), KeyType.HASH), key(i.range(), KeyType.RANGE))
                .projection(p -> p.projectionType(projection))).build();
        db.updateTable(b -> b.tableName(name).attributeDefinitions(string(i.hash()), string(i.range()))
                .globalSecondaryIndexUpdates(create));
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }
}
