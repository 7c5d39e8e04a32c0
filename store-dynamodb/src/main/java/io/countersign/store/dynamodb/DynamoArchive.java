package io.countersign.store.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.json.Json;
import io.countersign.engine.store.Archive;
import io.countersign.engine.store.ConflictException;
import io.countersign.engine.store.History;
import io.countersign.engine.store.OutboxEntry;
import io.countersign.engine.store.Page;
import io.countersign.engine.store.StoreException;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.store.StoredJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Moving a whole store out of and into a DynamoDB table: {@link DynamoStore#requestIds} (a scan of the
 * table's keys: an export reads everything, and a scan returns each item that exists throughout it once),
 * {@link DynamoStore#archive} (one query, as for a history) and {@link DynamoStore#restore}.
 */
final class DynamoArchive {

    /** DynamoDB's limits on one {@code TransactWriteItems}: 100 items, 4 MB in all. */
    static final int MAX_ITEMS = 100;
    static final int MAX_BYTES = 4_000_000;
    /** What an item costs beyond its document, generously: keys, index values, attribute names. */
    private static final int ITEM_OVERHEAD = 2_000;

    private final RequestItems requests;
    private final ChangeItems changes;
    private final DynamoDbClient db;
    private final String table;

    DynamoArchive(RequestItems requests, ChangeItems changes, DynamoDbClient db, String table) {
        this.requests = requests;
        this.changes = changes;
        this.db = db;
        this.table = table;
    }

    Page<String> requestIds(String cursor, int limit) {
        Page.limit(limit);
        Map<String, AttributeValue> start = cursor == null ? null : decodeCursor(cursor);
        List<String> ids = new ArrayList<>();
        do {
            ScanResponse page;
            try {
                // Limit counts the items looked at, so a page never holds more than `limit` requests.
                page = db.scan(ScanRequest.builder().tableName(table).consistentRead(true)
                        .projectionExpression("#pk, #sk")
                        .expressionAttributeNames(Map.of("#pk", Table.PK, "#sk", Table.SK))
                        .limit(limit).exclusiveStartKey(start).build());
            } catch (SdkException e) {
                throw new StoreException("reading the table failed: " + e.getMessage(), e);
            }
            for (Map<String, AttributeValue> item : page.items()) {
                if ("REQ".equals(item.get(Table.SK).s())) {
                    ids.add(item.get(Table.PK).s().substring("REQ#".length()));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (ids.isEmpty() && start != null);
        return new Page<>(ids, start == null ? null : encodeCursor(start));
    }

    Optional<Archive> archive(String id) {
        return archiveOf(requests.itemsOf(id, false));
    }

    /** The archive in a request's items; empty when they hold no request item. */
    private static Optional<Archive> archiveOf(List<Map<String, AttributeValue>> items) {
        Optional<History> history = RequestItems.historyOf(items);
        if (history.isEmpty()) {
            return Optional.empty();
        }
        List<Archive.Delivery> deliveries = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            if (!item.get(Table.SK).s().startsWith("EVT#")) {
                continue;
            }
            AttributeValue box = item.get(Table.OUTBOX_KEY);
            OutboxEntry e = OutboxItems.entry(item);
            // A delivered event keeps its record (who has it) out of the outbox index; one without is left out.
            Archive.State state = box == null ? Archive.State.DELIVERED
                    : box.s().startsWith("DEAD#") ? Archive.State.DEAD : Archive.State.OWED;
            deliveries.add(new Archive.Delivery(e.event().id(), e.deliveredTo(), e.attempts(), e.nextAttempt(),
                    e.lastError(), state));
        }
        return Optional.of(new Archive(history.get(), deliveries));
    }

    /**
     * Writes the archive: one transaction when it fits DynamoDB's limits. A longer history's oldest
     * decisions and delivered events (with their delivery records) go first, in transactions of their
     * own; they stay invisible until the last one writes the request's item (every read starts from it,
     * and only events still owed are in the outbox index, and those go with the request), so a restore
     * cut short shows nothing and is simply run again — and what it left that the next does not
     * overwrite is deleted first.
     */
    boolean restore(Archive archive) {
        History h = archive.history();
        StoredRequest r = h.request();
        List<Map<String, AttributeValue>> found = requests.itemsOf(r.id(), false);
        Optional<Archive> there = archiveOf(found);
        if (there.isPresent()) {
            return same(there.get(), h);
        }
        Long purge = Items.purgeAt(r);
        List<Map<String, AttributeValue>> records = new ArrayList<>();
        for (ApprovalDecision d : h.decisions()) {
            records.add(Items.decisionItem(r.id(), d, StoredJson.write(d), purge));
        }
        Map<String, Archive.Delivery> recorded = new HashMap<>();
        archive.deliveries().forEach(d -> recorded.put(d.eventId(), d));
        List<TransactWriteItem> last = new ArrayList<>();
        last.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(Items.requestItem(r,
                StoredJson.write(r))).conditionExpression("attribute_not_exists(" + Table.PK + ")").build()).build());
        for (String p : r.inbox()) {
            last.add(changes.put(Items.inboxItem(r, p)));
        }
        // Events are filed by their place in the history, which is their sequence unless someone moved one.
        for (int i = 0; i < h.events().size(); i++) {
            Event e = h.events().get(i);
            Map<String, AttributeValue> item = Items.eventItem(r.id(), i + 1, StoredJson.write(e), purge);
            Archive.Delivery d = recorded.get(e.id());
            if (d == null) {
                records.add(item);
            } else if (!d.pending()) {
                deliveryRecord(item, d);
                records.add(item); // out of the outbox index: it may go early, as the other records do
            } else {
                outboxState(item, e, d);
                last.add(changes.put(item));
            }
        }
        long lastBytes = last.stream().mapToLong(DynamoArchive::bytes).sum();
        if (last.size() > MAX_ITEMS || lastBytes > MAX_BYTES) {
            throw new StoreException("request " + r.id() + " has more events owed to notifiers than one DynamoDB"
                    + " transaction holds: deliver them (countersign notify run) before moving it", null);
        }
        // Fill the request's own transaction from the newest records back; what is left goes first.
        int split = records.size();
        while (split > 0 && last.size() < MAX_ITEMS && lastBytes + bytes(records.get(split - 1)) <= MAX_BYTES) {
            split--;
            lastBytes += bytes(records.get(split));
            last.add(changes.put(records.get(split)));
        }
        List<TransactWriteItem> early = new ArrayList<>();
        // What a restore of this id cut short left (never read: it has no request item) and this one
        // does not overwrite goes, or it would join this history once the request item lands.
        Set<String> writing = new HashSet<>();
        records.forEach(i -> writing.add(i.get(Table.SK).s()));
        last.forEach(t -> writing.add(t.put().item().get(Table.SK).s()));
        for (Map<String, AttributeValue> left : found) {
            if (!writing.contains(left.get(Table.SK).s())) {
                early.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                        .key(Items.key(left.get(Table.PK).s(), left.get(Table.SK).s())).build()).build());
            }
        }
        records.subList(0, split).forEach(i -> early.add(changes.put(i)));
        String conflict = "request " + r.id() + " exists in this store with a different history";
        inParts(early, conflict);
        try {
            changes.write(last, conflict);
        } catch (ConflictException e) {
            // Written meanwhile, by an import running beside this one: the same history is no conflict.
            return same(archive(r.id()).orElseThrow(() -> e), h);
        }
        return true;
    }

    /** Writes {@code items} in as few transactions as DynamoDB's limits allow. */
    private void inParts(List<TransactWriteItem> items, String conflict) {
        List<TransactWriteItem> part = new ArrayList<>();
        long size = 0;
        for (TransactWriteItem item : items) {
            if (part.size() == MAX_ITEMS || size + bytes(item) > MAX_BYTES) {
                changes.write(part, conflict);
                part = new ArrayList<>();
                size = 0;
            }
            part.add(item);
            size += bytes(item);
        }
        if (!part.isEmpty()) {
            changes.write(part, conflict);
        }
    }

    private static boolean same(Archive there, History h) {
        if (!there.history().sameAs(h)) {
            throw new ConflictException("request " + h.request().id()
                    + " exists in this store with a different history");
        }
        return false;
    }

    /**
     * An event's place in the outbox (or among the dead letters), in the attributes {@link
     * DynamoStore#delivery} writes: the state as given, a dead letter's next attempt too.
     */
    private static void outboxState(Map<String, AttributeValue> item, Event e, Archive.Delivery d) {
        int shard = Items.shard(e.requestId(), DynamoStore.OUTBOX_SHARDS);
        item.put(Table.OUTBOX_KEY, Items.s((d.dead() ? "DEAD#" : "OUTBOX#") + shard));
        item.put(Table.OUTBOX_AT, Items.s(Items.outboxAt(e)));
        deliveryRecord(item, d);
        if (d.nextAttempt() != null) {
            item.put(Table.NEXT_ATTEMPT, Items.s(d.nextAttempt().toString()));
        }
    }

    /** Who has the event, the attempts that failed and the last error: as {@link DynamoStore#delivery} keeps them. */
    private static void deliveryRecord(Map<String, AttributeValue> item, Archive.Delivery d) {
        if (!d.deliveredTo().isEmpty()) {
            item.put(Table.DELIVERED_TO, Items.s(String.join(",", new TreeSet<>(d.deliveredTo()))));
        }
        item.put(Table.ATTEMPTS, Items.n(d.attempts()));
        if (d.lastError() != null) {
            item.put(Table.LAST_ERROR, Items.s(d.lastError()));
        }
    }

    private static long bytes(TransactWriteItem write) {
        return write.put() == null ? ITEM_OVERHEAD : bytes(write.put().item());
    }

    private static long bytes(Map<String, AttributeValue> item) {
        return item.get(Table.DATA) == null ? ITEM_OVERHEAD
                : item.get(Table.DATA).s().getBytes(StandardCharsets.UTF_8).length + ITEM_OVERHEAD;
    }

    private static String encodeCursor(Map<String, AttributeValue> key) {
        String json = Json.mapper().createObjectNode().put("pk", key.get(Table.PK).s()).put("sk", key.get(Table.SK).s())
                .toString();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, AttributeValue> decodeCursor(String cursor) {
        try {
            byte[] json = Base64.getUrlDecoder().decode(cursor);
            JsonNode key = Json.mapper().readTree(new String(json, StandardCharsets.UTF_8));
            if (key == null || !key.path("pk").isTextual() || !key.path("pk").asText().startsWith("REQ#")
                    || !key.path("sk").isTextual() || key.path("sk").asText().isEmpty() || key.size() != 2) {
                throw new IllegalArgumentException("not a cursor");
            }
            return Items.key(key.get("pk").asText(), key.get("sk").asText());
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cursor '" + cursor + "' is not one this store gave out", e);
        }
    }
}
