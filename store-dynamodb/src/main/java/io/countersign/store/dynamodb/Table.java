package io.countersign.store.dynamodb;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The one table (DATA.md): its keys, its attributes and its global secondary indexes. Items:
 * <pre>
 * request   pk REQ#id  sk REQ                       data, status, version; index keys below,
 *                                                   dueKey/dueAt and followUpKey/followUpAt while something is due,
 *                                                   settledKey once settled
 * decision  pk REQ#id  sk DEC#decisionDate#id       data
 * event     pk REQ#id  sk EVT#0000000001            data; outboxKey/outboxAt until delivered; deliveredTo,
 *                                                   attempts, nextAttempt, lastError
 * inbox     pk REQ#id  sk INBOX#group:NAME          inboxKey, created, requestId (while the stage is open)
 * </pre>
 */
public final class Table {

    public static final String DEFAULT_NAME = "countersign";

    static final String PK = "pk";
    static final String SK = "sk";
    static final String DATA = "data";
    static final String STATUS = "status";
    static final String VERSION = "version";
    /** Epoch seconds after which DynamoDB may delete the item: retention, never expiry. */
    static final String PURGE_AT = "purgeAt";
    static final String CREATED = "created";
    static final String REQUESTER_KEY = "requesterKey";
    static final String PROFILE_KEY = "profileKey";
    static final String STATUS_KEY = "statusKey";
    static final String INBOX_KEY = "inboxKey";
    static final String GRANT_KEY = "grantKey";
    static final String GRANT_UNTIL = "grantUntil";
    static final String OUTBOX_KEY = "outboxKey";
    static final String OUTBOX_AT = "outboxAt";
    static final String REQUEST_ID = "requestId";
    /** What the sweep announces next (a review, a follow-up): {@code DUE#0..3} / instant#id, sparse. */
    static final String DUE_KEY = "dueKey";
    static final String DUE_AT = "dueAt";
    /** The earliest follow-up not done: {@code FOLLOWUP#0..3} / instant#id, sparse. */
    static final String FOLLOW_UP_KEY = "followUpKey";
    static final String FOLLOW_UP_AT = "followUpAt";
    /**
     * A settled request's profile ({@code SETTLED#profile}), with {@code created} the key of the precedent
     * candidates' index; sparse: set by the write that settles the request, absent while it is not settled.
     */
    static final String SETTLED_KEY = "settledKey";
    /** Who has an event (the notifiers, comma-separated), and its failed attempts: on the event's item. */
    static final String DELIVERED_TO = "deliveredTo";
    static final String ATTEMPTS = "attempts";
    static final String NEXT_ATTEMPT = "nextAttempt";
    static final String LAST_ERROR = "lastError";

    static final String BY_REQUESTER = "byRequester";
    static final String BY_PROFILE = "byProfile";
    static final String BY_STATUS = "byStatus";
    static final String INBOX = "inbox";
    static final String GRANTS = "grants";
    static final String OUTBOX = "outbox";
    static final String DUE = "due";
    static final String FOLLOW_UPS = "followUps";
    static final String SETTLED = "settled";

    private Table() {
    }

    /**
     * Creates the table with its indexes ({@link TableShape#INDEXES}) and TTL on {@code purgeAt}, and
     * waits until it is active. Returns false when it already exists.
     */
    public static boolean create(DynamoDbClient db, String name) {
        return create(db, name, TableShape.INDEXES);
    }

    /** {@link #create(DynamoDbClient, String)} with these indexes only: a table as older code made it, for tests. */
    static boolean create(DynamoDbClient db, String name, List<TableShape.Index> with) {
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>(List.of(PK, SK));
        for (TableShape.Index i : with) {
            indexes.add(index(i.name(), i.hash(), i.range()));
            keys.add(i.hash());
            keys.add(i.range());
        }
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (String a : keys) {
            attributes.add(AttributeDefinition.builder().attributeName(a).attributeType(ScalarAttributeType.S).build());
        }
        try {
            db.createTable(CreateTableRequest.builder()
                    .tableName(name)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attributes)
                    .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
                    .globalSecondaryIndexes(indexes)
                    .build());
        } catch (ResourceInUseException exists) {
            return false;
        }
        db.waiter().waitUntilTableExists(b -> b.tableName(name));
        db.updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(t -> t.enabled(true)
                .attributeName(PURGE_AT)));
        return true;
    }

    /** The table's description; empty when there is no such table. */
    static Optional<TableDescription> describe(DynamoDbClient db, String name) {
        try {
            return Optional.of(db.describeTable(b -> b.tableName(name)).table());
        } catch (ResourceNotFoundException missing) {
            return Optional.empty();
        }
    }

    /** Whether the table exists and is active. */
    public static boolean exists(DynamoDbClient db, String name) {
        return describe(db, name).map(t -> t.tableStatus() == TableStatus.ACTIVE).orElse(false);
    }

    private static GlobalSecondaryIndex index(String name, String hash, String range) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(key(hash, KeyType.HASH), key(range, KeyType.RANGE))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
