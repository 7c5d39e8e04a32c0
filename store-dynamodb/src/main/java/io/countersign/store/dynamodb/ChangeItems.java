package io.countersign.store.dynamodb;

import static io.countersign.store.dynamodb.Items.decisionItem;
import static io.countersign.store.dynamodb.Items.eventItem;
import static io.countersign.store.dynamodb.Items.inboxItem;
import static io.countersign.store.dynamodb.Items.key;
import static io.countersign.store.dynamodb.Items.n;
import static io.countersign.store.dynamodb.Items.purgeAt;
import static io.countersign.store.dynamodb.Items.requestItem;
import static io.countersign.store.dynamodb.Items.requestKey;
import static io.countersign.store.dynamodb.Items.s;
import static io.countersign.store.dynamodb.Items.shard;

import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.store.Change;
import io.countersign.engine.store.ConflictException;
import io.countersign.engine.store.StoreException;
import io.countersign.engine.store.StoredJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A {@link Change} written as one {@code TransactWriteItems}: the request's item (put whole, so every
 * index value derived from it, the settled key included, changes with its status in the same
 * transaction), its new decisions and events (each event in the outbox), and its inbox entries moved.
 * A creation is conditional on the id not existing, a transition on the version and status it read.
 */
final class ChangeItems {

    private final DynamoDbClient db;
    private final String table;
    private final RequestItems requests;

    ChangeItems(DynamoDbClient db, String table, RequestItems requests) {
        this.db = db;
        this.table = table;
        this.requests = requests;
    }

    void create(Change change) {
        StoredRequest r = change.request();
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(requestItem(r))
                .conditionExpression("attribute_not_exists(" + Table.PK + ")").build()).build());
        addRecords(items, change);
        for (String p : r.inbox()) {
            items.add(put(inboxItem(r, p)));
        }
        write(items, "request " + r.id() + " exists already");
    }

    void transition(StoredRequest before, Change change) {
        StoredRequest r = change.request();
        if (!r.id().equals(before.id())) {
            throw new IllegalArgumentException("a transition keeps the request's id");
        }
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(requestItem(r))
                .conditionExpression("#v = :v AND #s = :s")
                .expressionAttributeNames(Map.of("#v", Table.VERSION, "#s", Table.STATUS))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(before.version())),
                        ":s", AttributeValue.fromS(before.status().toString())))
                .build()).build());
        addRecords(items, change);
        Set<String> was = before.inbox();
        Set<String> now = r.inbox();
        for (String p : was) {
            if (!now.contains(p)) {
                items.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                        .key(key(requestKey(r.id()), "INBOX#" + p)).build()).build());
            }
        }
        for (String p : now) {
            if (!was.contains(p)) {
                items.add(put(inboxItem(r, p)));
            }
        }
        write(items, "request " + r.id() + " changed since version " + before.version());
        boolean finished = purgeAt(r) != null;
        if (finished != (purgeAt(before) != null)) {
            stampRetention(r.id(), purgeAt(r));
        }
    }

    private void addRecords(List<TransactWriteItem> items, Change change) {
        String id = change.request().id();
        Long purge = purgeAt(change.request());
        for (ApprovalDecision d : change.decisions()) {
            items.add(put(decisionItem(id, d, StoredJson.write(d), purge)));
        }
        for (Event e : change.events()) {
            Map<String, AttributeValue> item = eventItem(id, e.sequence(), StoredJson.write(e), purge);
            item.put(Table.OUTBOX_KEY, s("OUTBOX#" + shard(e.requestId(), DynamoStore.OUTBOX_SHARDS)));
            item.put(Table.OUTBOX_AT, s(Items.outboxAt(e)));
            items.add(put(item));
        }
    }

    /** Writes {@code items} in one transaction; a failed condition or a lost race is {@code conflict}. */
    void write(List<TransactWriteItem> items, String conflict) {
        try {
            db.transactWriteItems(b -> b.transactItems(items));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (reasons != null && !reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                throw new ConflictException(conflict);
            }
            if (reasons != null && reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()))) {
                // Another transaction held one of the items: the same race, lost the other way.
                throw new ConflictException(conflict);
            }
            throw new StoreException("the write was cancelled: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new StoreException("the write failed: " + e.getMessage(), e);
        }
    }

    /** An unconditional put of {@code item}, for a transaction. */
    TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build();
    }

    /**
     * Sets (or, for a request an appeal reopened, removes) the retention deadline on every item of a
     * request. After the commit and best effort: an item left without it is kept, never lost.
     */
    private void stampRetention(String id, Long purgeAt) {
        try {
            for (Map<String, AttributeValue> item : requests.itemsOf(id, true)) {
                String sk = item.get(Table.SK).s();
                if (sk.equals("REQ")) {
                    continue;
                }
                Map<String, AttributeValue> key = key(requestKey(id), sk);
                if (purgeAt == null) {
                    db.updateItem(b -> b.tableName(table).key(key).updateExpression("REMOVE #p")
                            .expressionAttributeNames(Map.of("#p", Table.PURGE_AT)));
                } else {
                    db.updateItem(b -> b.tableName(table).key(key).updateExpression("SET #p = :p")
                            .expressionAttributeNames(Map.of("#p", Table.PURGE_AT))
                            .expressionAttributeValues(Map.of(":p", n(purgeAt))));
                }
            }
        } catch (SdkException e) {
            // retention is housekeeping: the transition itself is committed
        }
    }
}
