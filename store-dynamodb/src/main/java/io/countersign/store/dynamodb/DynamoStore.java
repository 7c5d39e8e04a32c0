package io.countersign.store.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventType;
import io.countersign.engine.json.Json;
import io.countersign.engine.store.Archive;
import io.countersign.engine.store.Change;
import io.countersign.engine.store.ConflictException;
import io.countersign.engine.store.Due;
import io.countersign.engine.store.History;
import io.countersign.engine.store.Listing;
import io.countersign.engine.store.OutboxEntry;
import io.countersign.engine.store.Page;
import io.countersign.engine.store.Store;
import io.countersign.engine.store.StoreException;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The {@link Store} on one DynamoDB table ({@link Table}). Creation is conditional on the id not
 * existing; every transition is one {@code TransactWriteItems} that replaces the request (conditional
 * on its version and status), puts the decisions and events, and moves the approver-inbox entries.
 * Listings query an index newest first; the status index is write-sharded so a flood of pending
 * requests has no hot key, and its shards are merged on read.
 */
public final class DynamoStore implements Store {

    /** Shards of the status index: a flood of one status spreads over this many partitions. */
    public static final int STATUS_SHARDS = 8;
    /** Shards of the outbox index. */
    public static final int OUTBOX_SHARDS = 4;
    /** Shards of each due index. */
    public static final int DUE_SHARDS = 4;
    /** How long a finished request's items are kept before TTL may delete them. */
    public static final Duration RETENTION = Duration.ofDays(400);
    static final int MAX_PAGE = 1000;
    static final String DELIVERED_TO = "deliveredTo";
    static final String ATTEMPTS = "attempts";
    static final String NEXT_ATTEMPT = "nextAttempt";
    static final String LAST_ERROR = "lastError";

    /** Fixed width, so that the strings sort as the instants do. */
    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final DynamoDbClient db;
    private final String table;
    private final AutoCloseable owned;
    private final DynamoArchive moving;

    /**
     * A store on {@code table} through {@code db}; {@code owned} (may be null) is closed with the store:
     * the client.
     */
    public DynamoStore(DynamoDbClient db, String table, AutoCloseable owned) {
        this.db = db;
        this.table = table;
        this.owned = owned;
        this.moving = new DynamoArchive(this, db, table);
    }

    /** The table's name. */
    public String table() {
        return table;
    }

    // ---- writes ----------------------------------------------------------------------------------

    @Override
    public void create(Change change) {
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

    @Override
    public void transition(StoredRequest before, Change change) {
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
            items.add(put(decisionItem(id, d, json(d), purge)));
        }
        for (Event e : change.events()) {
            Map<String, AttributeValue> item = eventItem(id, e.sequence(), json(e), purge);
            item.put(Table.OUTBOX_KEY, s("OUTBOX#" + shard(e.requestId(), OUTBOX_SHARDS)));
            item.put(Table.OUTBOX_AT, s(outboxAt(e)));
            items.add(put(item));
        }
    }

    /** A decision's item: its key sorts the request's decisions by date. */
    static Map<String, AttributeValue> decisionItem(String id, ApprovalDecision d, String data, Long purge) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Table.PK, s(requestKey(id)));
        item.put(Table.SK, s("DEC#" + sortable(d.decisionDate()) + "#" + d.decisionId()));
        item.put(Table.DATA, s(data));
        if (purge != null) {
            item.put(Table.PURGE_AT, n(purge));
        }
        return item;
    }

    /** An event's item in slot {@code slot}, delivered (not in the outbox): the caller adds outbox state. */
    static Map<String, AttributeValue> eventItem(String id, long slot, String data, Long purge) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Table.PK, s(requestKey(id)));
        item.put(Table.SK, s(eventKey(slot)));
        item.put(Table.DATA, s(data));
        if (purge != null) {
            item.put(Table.PURGE_AT, n(purge));
        }
        return item;
    }

    /** Where an event sorts in the outbox index: oldest first, a request's events in sequence. */
    static String outboxAt(Event e) {
        return sortable(e.time()) + "#" + e.requestId() + "#" + eventKey(e.sequence());
    }

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

    /**
     * Sets (or, for a request an appeal reopened, removes) the retention deadline on every item of a
     * request. After the commit and best effort: an item left without it is kept, never lost.
     */
    private void stampRetention(String id, Long purgeAt) {
        try {
            for (Map<String, AttributeValue> item : itemsOf(id, true)) {
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

    // ---- reads -----------------------------------------------------------------------------------

    @Override
    public Optional<StoredRequest> get(String id) {
        try {
            Map<String, AttributeValue> item = db.getItem(b -> b.tableName(table).key(key(requestKey(id), "REQ"))
                    .consistentRead(true)).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(request(item));
        } catch (SdkException e) {
            throw new StoreException("reading request " + id + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<History> history(String id) {
        return historyOf(itemsOf(id, false));
    }

    /** The history in a request's items (read by one query); empty when they hold no request item. */
    static Optional<History> historyOf(List<Map<String, AttributeValue>> items) {
        StoredRequest request = null;
        List<ApprovalDecision> decisions = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            String sk = item.get(Table.SK).s();
            if (sk.equals("REQ")) {
                request = request(item);
            } else if (sk.startsWith("DEC#")) {
                decisions.add(read(item.get(Table.DATA).s(), ApprovalDecision.class));
            } else if (sk.startsWith("EVT#")) {
                events.add(read(item.get(Table.DATA).s(), Event.class));
            }
        }
        if (request == null) {
            return Optional.empty();
        }
        // Decision keys sort by date, and dates do not order decisions made in the same instant or
        // under clocks a little apart; the decision.recorded event that announced each one does.
        Map<String, Long> recorded = new HashMap<>();
        for (Event e : events) {
            JsonNode d = e.type() == EventType.DECISION_RECORDED && e.data() != null ? e.data().get("decision") : null;
            if (d != null && d.hasNonNull("decisionId")) {
                recorded.putIfAbsent(d.get("decisionId").asText(), e.sequence());
            }
        }
        decisions.sort(Comparator.comparingLong(d -> recorded.getOrDefault(d.decisionId(), Long.MAX_VALUE)));
        return Optional.of(new History(request, decisions, events));
    }

    List<Map<String, AttributeValue>> itemsOf(String id, boolean keysOnly) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        try {
            do {
                QueryRequest.Builder q = QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", Table.PK))
                        .expressionAttributeValues(Map.of(":pk", s(requestKey(id))))
                        .exclusiveStartKey(start);
                if (keysOnly) {
                    q.projectionExpression(Table.PK + ", " + Table.SK);
                }
                QueryResponse page = db.query(q.build());
                out.addAll(page.items());
                start = next(page);
            } while (start != null);
        } catch (SdkException e) {
            throw new StoreException("reading request " + id + " failed: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public Page<StoredRequest> list(Listing listing, String cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE);
        }
        String before = cursor == null ? null : decodeCursor(cursor);
        String index;
        List<String> keys = new ArrayList<>();
        String keyName;
        if (listing instanceof Listing.ByRequester r) {
            index = Table.BY_REQUESTER;
            keyName = Table.REQUESTER_KEY;
            keys.add("USER#" + r.requester());
        } else if (listing instanceof Listing.ByProfile p) {
            index = Table.BY_PROFILE;
            keyName = Table.PROFILE_KEY;
            keys.add("PROFILE#" + p.profile());
        } else if (listing instanceof Listing.ByStatus st) {
            index = Table.BY_STATUS;
            keyName = Table.STATUS_KEY;
            for (int i = 0; i < STATUS_SHARDS; i++) {
                keys.add("STATUS#" + st.status() + "#" + i);
            }
        } else {
            index = Table.INBOX;
            keyName = Table.INBOX_KEY;
            for (String p : ((Listing.Inbox) listing).principals()) {
                keys.add("INBOX#" + p);
            }
        }
        // Newest first from every partition, merged: the page is the newest `limit` older than the cursor.
        List<Map<String, AttributeValue>> candidates = new ArrayList<>();
        boolean more = false;
        // A partition's answer may end early (at limit + 1, or cut short by DynamoDB's 1 MB a query):
        // what it left out is older than the last item it sent, so the page must not reach below
        // that, or another partition's older items would be listed and the left-out ones never.
        String floor = null;
        for (String k : keys) {
            Map<String, String> names = new LinkedHashMap<>();
            Map<String, AttributeValue> values = new LinkedHashMap<>();
            names.put("#k", keyName);
            values.put(":k", s(k));
            String condition = "#k = :k";
            if (before != null) {
                names.put("#c", Table.CREATED);
                values.put(":c", s(before));
                condition += " AND #c < :c";
            }
            try {
                QueryResponse page = db.query(QueryRequest.builder().tableName(table).indexName(index)
                        .keyConditionExpression(condition).expressionAttributeNames(names)
                        .expressionAttributeValues(values).scanIndexForward(false).limit(limit + 1).build());
                candidates.addAll(page.items());
                boolean cut = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
                more |= cut;
                if (cut && !page.items().isEmpty()) {
                    String last = page.items().get(page.items().size() - 1).get(Table.CREATED).s();
                    floor = floor == null || last.compareTo(floor) > 0 ? last : floor;
                }
            } catch (SdkException e) {
                throw new StoreException("listing failed: " + e.getMessage(), e);
            }
        }
        candidates.sort(Comparator.comparing((Map<String, AttributeValue> i) -> i.get(Table.CREATED).s()).reversed());
        List<String> order = new ArrayList<>();
        Map<String, String> createdOf = new HashMap<>();
        Map<String, StoredRequest> found = new HashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Map<String, AttributeValue> item : candidates) {
            if (floor != null && item.get(Table.CREATED).s().compareTo(floor) < 0) {
                more = true;
                break;
            }
            String id = item.containsKey(Table.REQUEST_ID) ? item.get(Table.REQUEST_ID).s() : null;
            StoredRequest r = id == null ? request(item) : null;
            id = id != null ? id : r.id();
            if (!seen.add(id)) {
                continue; // one request in the inbox of several of the reader's groups
            }
            if (order.size() == limit) {
                more = true;
                break;
            }
            order.add(id);
            createdOf.put(id, item.get(Table.CREATED).s());
            if (r != null) {
                found.put(id, r);
            }
        }
        List<String> missing = order.stream().filter(id -> !found.containsKey(id)).toList();
        found.putAll(batchGet(missing));
        List<StoredRequest> items = new ArrayList<>();
        for (String id : order) {
            StoredRequest r = found.get(id);
            if (r != null) {
                items.add(r);
            }
        }
        String next = more && !order.isEmpty() ? encodeCursor(createdOf.get(order.get(order.size() - 1))) : null;
        return new Page<>(items, next);
    }

    private Map<String, StoredRequest> batchGet(List<String> ids) {
        Map<String, StoredRequest> out = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (String id : ids.subList(from, Math.min(ids.size(), from + 100))) {
                keys.add(key(requestKey(id), "REQ"));
            }
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder().keys(keys)
                    .consistentRead(true).build());
            try {
                while (!pending.isEmpty()) {
                    Map<String, KeysAndAttributes> ask = pending;
                    var resp = db.batchGetItem(b -> b.requestItems(ask));
                    for (Map<String, AttributeValue> item : resp.responses().getOrDefault(table, List.of())) {
                        StoredRequest r = request(item);
                        out.put(r.id(), r);
                    }
                    pending = resp.hasUnprocessedKeys() ? resp.unprocessedKeys() : Map.of();
                }
            } catch (SdkException e) {
                throw new StoreException("reading requests failed: " + e.getMessage(), e);
            }
        }
        return out;
    }

    @Override
    public List<StoredRequest> open(String requester, String profile, Instant after) {
        List<StoredRequest> out = new ArrayList<>();
        try {
            QueryResponse page = db.query(QueryRequest.builder().tableName(table).indexName(Table.GRANTS)
                    .keyConditionExpression("#k = :k AND #u > :u")
                    .expressionAttributeNames(Map.of("#k", Table.GRANT_KEY, "#u", Table.GRANT_UNTIL))
                    // grantUntil is "deadline#id": a bare instant would let a deadline equal to `after`
                    // through, and '$' sorts just above '#'.
                    .expressionAttributeValues(Map.of(":k", s(grantKey(requester, profile)),
                            ":u", s(sortable(after) + "$")))
                    .build());
            for (Map<String, AttributeValue> item : page.items()) {
                out.add(request(item));
            }
        } catch (SdkException e) {
            throw new StoreException("the access check could not read grants: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * From the due index of {@code which}: each shard read oldest first from the cursor on (at most a
     * page and one more), merged. A shard cut short bounds the page at its last item, as a listing does.
     */
    @Override
    public Page<StoredRequest> due(Due which, Instant until, String cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE);
        }
        String after = cursor == null ? null : decodeCursor(cursor);
        // "$" sorts just above "#": a request due exactly at the bound is in.
        String bound = until == null ? null : sortable(until) + "$";
        DueKeys.Index index = DueKeys.of(which);
        String at = index.at();
        List<Map<String, AttributeValue>> candidates = new ArrayList<>();
        String ceiling = null;
        boolean more = false;
        for (int i = 0; i < DUE_SHARDS; i++) {
            Map<String, String> names = new LinkedHashMap<>();
            Map<String, AttributeValue> values = new LinkedHashMap<>();
            names.put("#k", index.key());
            values.put(":k", s(index.shard(i)));
            String condition = "#k = :k";
            if (after != null) {
                names.put("#a", at);
                values.put(":a", s(after));
                condition += " AND #a > :a";
            } else if (bound != null) {
                names.put("#a", at);
                values.put(":a", s(bound));
                condition += " AND #a <= :a";
            }
            QueryResponse page;
            try {
                page = db.query(QueryRequest.builder().tableName(table).indexName(index.name())
                        .keyConditionExpression(condition).expressionAttributeNames(names)
                        .expressionAttributeValues(values).scanIndexForward(true).limit(limit + 1).build());
            } catch (SdkException e) {
                throw new StoreException("reading the due index failed: " + e.getMessage(), e);
            }
            boolean past = false;
            for (Map<String, AttributeValue> item : page.items()) {
                if (bound != null && item.get(at).s().compareTo(bound) > 0) {
                    past = true;
                    break;
                }
                candidates.add(item);
            }
            if (!past && next(page) != null && !page.items().isEmpty()) {
                more = true;
                String last = page.items().get(page.items().size() - 1).get(at).s();
                ceiling = ceiling == null || last.compareTo(ceiling) < 0 ? last : ceiling;
            }
        }
        candidates.sort(Comparator.comparing(item -> item.get(at).s()));
        List<StoredRequest> items = new ArrayList<>();
        String last = null;
        for (Map<String, AttributeValue> item : candidates) {
            if (items.size() == limit || ceiling != null && item.get(at).s().compareTo(ceiling) > 0) {
                more = true;
                break;
            }
            items.add(request(item));
            last = item.get(at).s();
        }
        return new Page<>(items, more && last != null ? encodeCursor(last) : null);
    }

    // ---- the outbox ----------------------------------------------------------------------------------

    @Override
    public List<OutboxEntry> outbox(int limit) {
        return outboxItems("OUTBOX#", limit);
    }

    @Override
    public List<OutboxEntry> deadLetters(int limit) {
        return outboxItems("DEAD#", limit);
    }

    private List<OutboxEntry> outboxItems(String prefix, int limit) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < OUTBOX_SHARDS; i++) {
            // A query page ends at 1 MB (a few hundred events): read on until the shard's oldest
            // `limit`, or the merge below would put a newer event of another shard before older ones.
            int read = 0;
            Map<String, AttributeValue> start = null;
            do {
                QueryResponse page = outboxPage(prefix + i, limit - read, start);
                items.addAll(page.items());
                read += page.items().size();
                start = next(page);
            } while (start != null && read < limit);
        }
        items.sort(Comparator.comparing(i -> i.get(Table.OUTBOX_AT).s()));
        List<OutboxEntry> out = new ArrayList<>();
        for (Map<String, AttributeValue> item : items.subList(0, Math.min(limit, items.size()))) {
            out.add(outboxEntry(item));
        }
        return out;
    }

    /** An event's item read with its delivery state. */
    static OutboxEntry outboxEntry(Map<String, AttributeValue> item) {
        AttributeValue to = item.get(DELIVERED_TO);
        AttributeValue attempts = item.get(ATTEMPTS);
        AttributeValue next = item.get(NEXT_ATTEMPT);
        AttributeValue error = item.get(LAST_ERROR);
        return new OutboxEntry(read(item.get(Table.DATA).s(), Event.class),
                to == null || to.s().isEmpty() ? Set.of() : Set.of(to.s().split(",")),
                attempts == null ? 0 : Integer.parseInt(attempts.n()),
                next == null ? null : Instant.parse(next.s()), error == null ? null : error.s());
    }

    @Override
    public void delivery(OutboxEntry entry, boolean done, boolean dead) {
        Event e = entry.event();
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        names.put("#to", DELIVERED_TO);
        values.put(":to", s(String.join(",", new java.util.TreeSet<>(entry.deliveredTo()))));
        set.add("#to = :to");
        names.put("#n", ATTEMPTS);
        values.put(":n", n(entry.attempts()));
        set.add("#n = :n");
        names.put("#next", NEXT_ATTEMPT);
        names.put("#ok", Table.OUTBOX_KEY);
        if (done) {
            names.put("#at", Table.OUTBOX_AT);
            remove.add("#ok");
            remove.add("#at");
            remove.add("#next");
        } else {
            if (dead) {
                values.put(":ok", s("DEAD#" + shard(e.requestId(), OUTBOX_SHARDS)));
                set.add("#ok = :ok");
                remove.add("#next");
            } else if (entry.nextAttempt() != null) {
                values.put(":next", s(entry.nextAttempt().toString()));
                set.add("#next = :next");
            } else {
                remove.add("#next");
            }
            if (entry.lastError() != null) {
                names.put("#err", LAST_ERROR);
                values.put(":err", s(entry.lastError()));
                set.add("#err = :err");
            }
        }
        String update = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        // DynamoDB refuses names an expression does not use
        names.keySet().removeIf(name -> !update.matches(".*" + name + "\\b.*"));
        try {
            db.updateItem(b -> b.tableName(table).key(key(requestKey(e.requestId()), eventKey(e.sequence())))
                    .updateExpression(update).expressionAttributeNames(names).expressionAttributeValues(values));
        } catch (SdkException x) {
            throw new StoreException("recording a delivery failed: " + x.getMessage(), x);
        }
    }

    /** One query of the request's event items, their keys and delivery record only. */
    @Override
    public Map<Long, Set<String>> deliveredTo(String id) {
        Map<Long, Set<String>> out = new java.util.TreeMap<>();
        Map<String, AttributeValue> start = null;
        try {
            do {
                QueryResponse page = db.query(QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :evt)")
                        .expressionAttributeNames(Map.of("#pk", Table.PK, "#sk", Table.SK, "#to", DELIVERED_TO))
                        .expressionAttributeValues(Map.of(":pk", s(requestKey(id)), ":evt", s("EVT#")))
                        .projectionExpression("#sk, #to").exclusiveStartKey(start).build());
                for (Map<String, AttributeValue> item : page.items()) {
                    AttributeValue to = item.get(DELIVERED_TO);
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
    @Override
    public boolean retry(String eventId) {
        for (int i = 0; i < OUTBOX_SHARDS; i++) {
            Map<String, AttributeValue> start = null;
            do {
                QueryResponse page = outboxPage("DEAD#" + i, null, start);
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
    private QueryResponse outboxPage(String shard, Integer limit, Map<String, AttributeValue> start) {
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

    /** Where the next page starts; null after the last. */
    static Map<String, AttributeValue> next(QueryResponse page) {
        return page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    }

    private void putBack(Event e) {
        try {
            db.updateItem(b -> b.tableName(table).key(key(requestKey(e.requestId()), eventKey(e.sequence())))
                    .updateExpression("SET #ok = :ok, #n = :zero REMOVE #next")
                    .expressionAttributeNames(Map.of("#ok", Table.OUTBOX_KEY, "#n", ATTEMPTS, "#next", NEXT_ATTEMPT))
                    .expressionAttributeValues(Map.of(":ok", s("OUTBOX#" + shard(e.requestId(), OUTBOX_SHARDS)),
                            ":zero", n(0))));
        } catch (SdkException x) {
            throw new StoreException("putting the event back failed: " + x.getMessage(), x);
        }
    }

    // ---- moving a whole store ------------------------------------------------------------------------

    @Override
    public Page<String> requestIds(String cursor, int limit) {
        return moving.requestIds(cursor, limit);
    }

    @Override
    public Optional<Archive> archive(String id) {
        return moving.archive(id);
    }

    @Override
    public boolean restore(Archive archive) {
        return moving.restore(archive);
    }

    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new StoreException("closing the store failed: " + e.getMessage(), e);
            }
        }
    }

    // ---- items -------------------------------------------------------------------------------------

    private static Map<String, AttributeValue> requestItem(StoredRequest r) {
        return requestItem(r, json(r));
    }

    /**
     * A request's item: {@code data}, its document, and every index value derived from {@code r}, which
     * is {@code data} read.
     */
    static Map<String, AttributeValue> requestItem(StoredRequest r, String data) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Table.PK, s(requestKey(r.id())));
        item.put(Table.SK, s("REQ"));
        item.put(Table.DATA, s(data));
        item.put(Table.STATUS, s(r.status().toString()));
        item.put(Table.VERSION, n(r.version()));
        String created = created(r);
        item.put(Table.CREATED, s(created));
        item.put(Table.REQUESTER_KEY, s("USER#" + r.requester()));
        item.put(Table.PROFILE_KEY, s("PROFILE#" + r.profile()));
        item.put(Table.STATUS_KEY, s("STATUS#" + r.status() + "#" + shard(r.id(), STATUS_SHARDS)));
        Instant deadline = r.deadline();
        if (deadline != null) {
            // Sparse: only pending and approved requests are in the grants index an access check reads.
            item.put(Table.GRANT_KEY, s(grantKey(r.requester(), r.profile())));
            item.put(Table.GRANT_UNTIL, s(sortable(deadline) + "#" + r.id()));
        }
        // Sparse: only requests with something due are in the due indexes, whatever their status.
        for (Due which : Due.values()) {
            item.putAll(DueKeys.of(which, r));
        }
        Long purge = purgeAt(r);
        if (purge != null) {
            item.put(Table.PURGE_AT, n(purge));
        }
        return item;
    }

    static Map<String, AttributeValue> inboxItem(StoredRequest r, String principal) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Table.PK, s(requestKey(r.id())));
        item.put(Table.SK, s("INBOX#" + principal));
        item.put(Table.INBOX_KEY, s("INBOX#" + principal));
        item.put(Table.CREATED, s(created(r)));
        item.put(Table.REQUEST_ID, s(r.id()));
        return item;
    }

    /** Retention starts when a request's life ends: denied, expired, cancelled, revoked. */
    static Long purgeAt(StoredRequest r) {
        boolean finished = r.status() != RequestStatus.PENDING && r.status() != RequestStatus.APPROVED;
        return finished ? r.updatedAt().plus(RETENTION).getEpochSecond() : null;
    }

    TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build();
    }

    private static String created(StoredRequest r) {
        return sortable(r.createdAt()) + "#" + r.id();
    }

    static String requestKey(String id) {
        return "REQ#" + id;
    }

    static String eventKey(long sequence) {
        return String.format("EVT#%010d", sequence);
    }

    private static String grantKey(String requester, String profile) {
        // The length prefix keeps "a#b"+"c" and "a"+"b#c" apart.
        return "GRANT#" + requester.length() + "#" + requester + "#" + profile;
    }

    static String sortable(Instant t) {
        return SORTABLE.format(t);
    }

    static int shard(String id, int shards) {
        return Math.floorMod(id.hashCode(), shards);
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(Table.PK, s(pk), Table.SK, s(sk));
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    static StoredRequest request(Map<String, AttributeValue> item) {
        return read(item.get(Table.DATA).s(), StoredRequest.class);
    }

    static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored values are plain JSON", e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored item cannot be read: " + Json.describe(e), e);
        }
    }

    private static String encodeCursor(String created) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(created.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        try {
            String created = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!created.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z#.+")) {
                throw new IllegalArgumentException("not a cursor");
            }
            return created;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cursor '" + cursor + "' is not one this store gave out", e);
        }
    }
}
