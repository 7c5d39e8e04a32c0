package io.countersign.store.dynamodb;

import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.store.Due;
import io.countersign.engine.store.Page;
import io.countersign.engine.store.StoreException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * {@code store upgrade}'s pass over the request items, once every index is ACTIVE. DynamoDB fills a new
 * index only from items carrying its keys, and a request item written before the index was carries
 * none: an ended grant's review, the follow-ups an old grant derives from its sealed grant, or a settled
 * request as a precedent candidate would never be found. The pass pages through the request ids as an
 * export does ({@link DynamoStore#requestIds}), reads their items a hundred at a time, and gives each
 * that lacks the keys of a sparse index it belongs in — what it owes ({@link Due}, {@link DueKeys}), and
 * the settled index once settled ({@link Items#settledKey}) — exactly those attributes, as a write today
 * would: one {@code UpdateItem} setting nothing else, so the document, its seal and its chain are
 * untouched, conditional on the version and status it read. A request written meanwhile was keyed by its
 * writer, so a failed condition is skipped; an item whose document cannot be read is skipped and
 * counted. Run again, it re-keys nothing.
 */
final class IndexRekey {

    private static final int IDS_A_PAGE = Page.MAX_ITEMS;
    private static final int KEYS_A_BATCH = 100;

    private final DynamoDbClient db;
    private final String table;
    private final Consumer<String> progress;
    private int read;
    private int rekeyed;
    private int unreadable;
    private int changed;

    IndexRekey(DynamoDbClient db, String table, Consumer<String> progress) {
        this.db = db;
        this.table = table;
        this.progress = progress;
    }

    Upgraded.Rekeyed run() {
        progress.accept("re-keying request items written before their indexes: what they owe, and settled requests");
        DynamoStore store = new DynamoStore(db, table, null);
        String cursor = null;
        do {
            Page<String> ids = store.requestIds(cursor, IDS_A_PAGE);
            for (int from = 0; from < ids.items().size(); from += KEYS_A_BATCH) {
                for (Map<String, AttributeValue> item : items(ids.items().subList(from,
                        Math.min(ids.items().size(), from + KEYS_A_BATCH)))) {
                    rekey(item);
                }
            }
            cursor = ids.next();
        } while (cursor != null);
        Upgraded.Rekeyed done = counts();
        progress.accept("read " + read + " request items, re-keyed " + rekeyed
                + (unreadable > 0 ? ", " + unreadable + " unreadable (left as they were)" : "")
                + (changed > 0 ? ", " + changed + " written meanwhile (keyed by their writer)" : ""));
        return done;
    }

    /** What the pass has done so far. */
    Upgraded.Rekeyed counts() {
        return new Upgraded.Rekeyed(read, rekeyed, unreadable, changed);
    }

    /** The request items of {@code ids}: their keys, document, version, status and sparse index keys. */
    private List<Map<String, AttributeValue>> items(List<String> ids) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String id : ids) {
            keys.add(Items.key(Items.requestKey(id), "REQ"));
        }
        Map<String, String> names = new LinkedHashMap<>();
        names.put("#pk", Table.PK);
        names.put("#d", Table.DATA);
        names.put("#v", Table.VERSION);
        names.put("#s", Table.STATUS);
        int n = 0;
        for (Due which : Due.values()) {
            names.put("#k" + n, DueKeys.of(which).key());
            names.put("#a" + n, DueKeys.of(which).at());
            n++;
        }
        names.put("#st", Table.SETTLED_KEY);
        String projection = String.join(", ", names.keySet());
        Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder().keys(keys)
                .consistentRead(true).projectionExpression(projection).expressionAttributeNames(names).build());
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        try {
            while (!pending.isEmpty()) {
                Map<String, KeysAndAttributes> ask = pending;
                BatchGetItemResponse resp = db.batchGetItem(b -> b.requestItems(ask));
                out.addAll(resp.responses().getOrDefault(table, List.of()));
                pending = resp.hasUnprocessedKeys() ? resp.unprocessedKeys() : Map.of();
            }
        } catch (SdkException e) {
            throw new StoreException("reading request items failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** Adds {@code keys} to {@code set} when {@code item} lacks one of them or has another value. */
    private static void lacking(Map<String, AttributeValue> item, Map<String, AttributeValue> keys,
            Map<String, AttributeValue> set) {
        if (keys.entrySet().stream().anyMatch(e -> !e.getValue().equals(item.get(e.getKey())))) {
            set.putAll(keys);
        }
    }

    /** Gives one request item, as read, the keys of the indexes it belongs in that it lacks. */
    void rekey(Map<String, AttributeValue> item) {
        read++;
        StoredRequest r;
        Map<String, AttributeValue> set = new LinkedHashMap<>();
        try {
            AttributeValue data = item.get(Table.DATA);
            if (data == null || data.s() == null) {
                unreadable++;
                return;
            }
            r = Items.request(item);
            for (Due which : Due.values()) {
                lacking(item, DueKeys.of(which, r), set);
            }
            lacking(item, Items.settledKey(r), set);
        } catch (RuntimeException cannotRead) {
            // Not a request this countersign can read (bad JSON, a grant it cannot derive follow-ups from):
            // it stays out of the indexes as before, and every command that reads it says so.
            unreadable++;
            return;
        }
        if (set.isEmpty()) {
            return;
        }
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        List<String> assignments = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, AttributeValue> e : set.entrySet()) {
            names.put("#a" + n, e.getKey());
            values.put(":a" + n, e.getValue());
            assignments.add("#a" + n + " = :a" + n);
            n++;
        }
        names.put("#v", Table.VERSION);
        names.put("#s", Table.STATUS);
        values.put(":v", Items.n(r.version()));
        values.put(":s", Items.s(r.status().toString()));
        try {
            db.updateItem(b -> b.tableName(table).key(Items.key(Items.requestKey(r.id()), "REQ"))
                    .updateExpression("SET " + String.join(", ", assignments))
                    .conditionExpression("#v = :v AND #s = :s")
                    .expressionAttributeNames(names).expressionAttributeValues(values));
            rekeyed++;
        } catch (ConditionalCheckFailedException meanwhile) {
            changed++;
        } catch (SdkException e) {
            throw new StoreException("re-keying request " + r.id() + " failed: " + e.getMessage(), e);
        }
    }
}
