package io.countersign.store.dynamodb;

import static io.countersign.store.dynamodb.Items.eventKey;
import static io.countersign.store.dynamodb.Items.key;
import static io.countersign.store.dynamodb.Items.n;
import static io.countersign.store.dynamodb.Items.next;
import static io.countersign.engine.store.StoredJson.read;
import static io.countersign.store.dynamodb.Items.requestKey;
import static io.countersign.store.dynamodb.Items.s;
import static io.countersign.store.dynamodb.Items.shard;

import io.countersign.engine.event.Event;
import io.countersign.engine.store.OutboxEntry;
import io.countersign.engine.store.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The outbox on the event items: the {@code outbox} index, write-sharded ({@code OUTBOX#n} while an event
 * is to be delivered, {@code DEAD#n} once given up), read oldest first and merged; each event item keeps
 * who has it, the attempts, the next attempt and the last error.
 */
final class OutboxItems {

    private static final int SHARDS = DynamoStore.OUTBOX_SHARDS;

    private final DynamoDbClient db;
    private final String table;

    OutboxItems(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    /** The oldest {@code limit} events of the shards {@code prefix}{@code 0..}: the outbox or the dead letters. */
    List<OutboxEntry> oldest(String prefix, int limit) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < SHARDS; i++) {
            // A query page ends at 1 MB (a few hundred events): read on until the shard's oldest
            // `limit`, or the merge below would put a newer event of another shard before older ones.
            int read = 0;
            Map<String, AttributeValue> start = null;
            do {
                QueryResponse page = page(prefix + i, limit - read, start);
                items.addAll(page.items());
                read += page.items().size();
                start = next(page);
            } while (start != null && read < limit);
        }
        items.sort(Comparator.comparing(i -> i.get(Table.OUTBOX_AT).s()));
        List<OutboxEntry> out = new ArrayList<>();
        for (Map<String, AttributeValue> item : items.subList(0, Math.min(limit, items.size()))) {
            OutboxEntry entry = entry(item);
            Event e = entry.event();
            String pk = item.get(Table.PK).s();
            String sk = item.get(Table.SK).s();
            if (prefix.startsWith("OUTBOX") && !(pk.equals(requestKey(e.requestId())) && sk.equals(eventKey(e.sequence())))) {
                // An owed event in an item that is not its own (written past the store) is not handed out: a
                // delivery is recorded under the event's own key, so this item would stay owed for ever, and
                // the event it names (intact in its own item) would be dead-lettered in its place.
                record(new OutboxEntry(e, entry.deliveredTo(), entry.attempts(), null, "not delivered: the item of "
                        + pk + " " + sk + " holds event " + e.id() + " of request " + e.requestId() + ", sequence "
                        + e.sequence() + ": it was written outside the store"), false, true, pk, sk);
                continue;
            }
            out.add(entry);
        }
        return out;
    }

    /** An event's item read with its delivery state. */
    static OutboxEntry entry(Map<String, AttributeValue> item) {
        AttributeValue to = item.get(Table.DELIVERED_TO);
        AttributeValue attempts = item.get(Table.ATTEMPTS);
        AttributeValue next = item.get(Table.NEXT_ATTEMPT);
        AttributeValue error = item.get(Table.LAST_ERROR);
        return new OutboxEntry(read(item.get(Table.DATA).s(), Event.class),
                to == null || to.s().isEmpty() ? Set.of() : Set.of(to.s().split(",")),
                attempts == null ? 0 : Integer.parseInt(attempts.n()),
                next == null ? null : Instant.parse(next.s()), error == null ? null : error.s());
    }

    void delivery(OutboxEntry entry, boolean done, boolean dead) {
        Event e = entry.event();
        record(entry, done, dead, requestKey(e.requestId()), eventKey(e.sequence()));
    }

    /** {@link #delivery} of the event in the item {@code (pk, sk)}: its own, unless it was misfiled. */
    private void record(OutboxEntry entry, boolean done, boolean dead, String pk, String sk) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        names.put("#to", Table.DELIVERED_TO);
        values.put(":to", s(String.join(",", new TreeSet<>(entry.deliveredTo()))));
        set.add("#to = :to");
        names.put("#n", Table.ATTEMPTS);
        values.put(":n", n(entry.attempts()));
        set.add("#n = :n");
        names.put("#next", Table.NEXT_ATTEMPT);
        names.put("#ok", Table.OUTBOX_KEY);
        if (done) {
            names.put("#at", Table.OUTBOX_AT);
            remove.add("#ok");
            remove.add("#at");
            remove.add("#next");
        } else {
            if (dead) {
                values.put(":ok", s("DEAD#" + shard(pk.substring("REQ#".length()), SHARDS)));
                set.add("#ok = :ok");
                remove.add("#next");
            } else if (entry.nextAttempt() != null) {
                values.put(":next", s(entry.nextAttempt().toString()));
                set.add("#next = :next");
            } else {
                remove.add("#next");
            }
            if (entry.lastError() != null) {
                names.put("#err", Table.LAST_ERROR);
                values.put(":err", s(entry.lastError()));
                set.add("#err = :err");
            }
        }
        String update = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        // DynamoDB refuses names an expression does not use
        names.keySet().removeIf(name -> !update.matches(".*" + name + "\\b.*"));
        try {
            db.updateItem(b -> b.tableName(table).key(key(pk, sk))
                    .updateExpression(update).expressionAttributeNames(names).expressionAttributeValues(values));
        } catch (SdkException x) {
            throw new StoreException("recording a delivery failed: " + x.getMessage(), x);
        }
    }

    /** One query of the request's event items, their keys and delivery record only. */
    Map<Long, Set<String>> deliveredTo(String id) {
        Map<Long, Set<String>> out = new TreeMap<>();
        Map<String, AttributeValue> start = null;
        try {
            do {
                QueryResponse page = db.query(QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :evt)")
                        .expressionAttributeNames(Map.of("#pk", Table.PK, "#sk", Table.SK, "#to", Table.DELIVERED_TO))
                        .expressionAttributeValues(Map.of(":pk", s(requestKey(id)), ":evt", s("EVT#")))
                        .projectionExpression("#sk, #to").exclusiveStartKey(start).build());
                for (Map<String, AttributeValue> item : page.items()) {
                    AttributeValue to = item.get(Table.DELIVERED_TO);
                    if (to != null && !to.s().isEmpty()) {
                        out.put(Long.parseLong(item.get(Table.SK).s().substring(4)), Set.of(to.s().split(",")));
                    }
                }
                start = next(page);
            } while (start != null);
        } catch (SdkException e) {
            throw new StoreException("reading the deliveries of request " + id + " failed: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Every dead letter is looked at, page by page, not the oldest thousand: an operator retries the
     * event a failure report names, however many older ones are still dead. Dead letters are few and
     * a retry is a person's command, so reading them is cheap enough; the event's id is inside its JSON,
     * so there is no key to look it up by.
     */
    boolean retry(String eventId) {
        for (int i = 0; i < SHARDS; i++) {
            Map<String, AttributeValue> start = null;
            do {
                QueryResponse page = page("DEAD#" + i, null, start);
                for (Map<String, AttributeValue> item : page.items()) {
                    Event e = read(item.get(Table.DATA).s(), Event.class);
                    if (e.id().equals(eventId)) {
                        putBack(e);
                        return true;
                    }
                }
                start = next(page);
            } while (start != null);
        }
        return false;
    }

    /** One page of an outbox shard ({@code OUTBOX#n} or {@code DEAD#n}), oldest first; {@code limit} null: a full page. */
    private QueryResponse page(String shard, Integer limit, Map<String, AttributeValue> start) {
        try {
            return db.query(QueryRequest.builder().tableName(table).indexName(Table.OUTBOX)
                    .keyConditionExpression("#k = :k")
                    .expressionAttributeNames(Map.of("#k", Table.OUTBOX_KEY))
                    .expressionAttributeValues(Map.of(":k", s(shard)))
                    .scanIndexForward(true).limit(limit).exclusiveStartKey(start).build());
        } catch (SdkException e) {
            throw new StoreException("reading the outbox failed: " + e.getMessage(), e);
        }
    }

    private void putBack(Event e) {
        try {
            db.updateItem(b -> b.tableName(table).key(key(requestKey(e.requestId()), eventKey(e.sequence())))
                    .updateExpression("SET #ok = :ok, #n = :zero REMOVE #next")
                    .expressionAttributeNames(Map.of("#ok", Table.OUTBOX_KEY, "#n", Table.ATTEMPTS,
                            "#next", Table.NEXT_ATTEMPT))
                    .expressionAttributeValues(Map.of(":ok", s("OUTBOX#" + shard(e.requestId(), SHARDS)),
                            ":zero", n(0))));
        } catch (SdkException x) {
            throw new StoreException("putting the event back failed: " + x.getMessage(), x);
        }
    }
}
