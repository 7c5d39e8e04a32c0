package io.countersign.store.dynamodb;

import static io.countersign.store.dynamodb.Items.grantKey;
import static io.countersign.store.dynamodb.Items.key;
import static io.countersign.store.dynamodb.Items.next;
import static io.countersign.store.dynamodb.Items.request;
import static io.countersign.store.dynamodb.Items.requestKey;
import static io.countersign.store.dynamodb.Items.s;
import static io.countersign.store.dynamodb.Items.sortable;

import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.store.Listing;
import io.countersign.engine.store.Page;
import io.countersign.engine.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The store's reads of the request indexes, newest first: the listings (by requester, profile or status,
 * an approver's inbox) below a cursor, a profile's settled requests (precedent candidates), and the
 * grants an access check reads. The status index is write-sharded, so its shards are merged on read;
 * an inbox entry names its request, whose item is then read by key. The due indexes: {@link DueListing}.
 */
final class Listings {

    private final DynamoDbClient db;
    private final String table;

    Listings(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    Page<StoredRequest> list(Listing listing, String cursor, int limit) {
        Page.limit(limit);
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
            for (int i = 0; i < DynamoStore.STATUS_SHARDS; i++) {
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

    /**
     * One query of the sparse {@code settled} index, newest first from the profile's newest down to
     * {@code since}, {@code limit} items at most: only settled requests carry its key ({@link
     * Items#settledKey}), so the pending ones of a busy profile are neither read nor able to crowd the
     * settled out. Read on only where DynamoDB cut a page short (1 MB) before the limit.
     */
    List<StoredRequest> settled(String profile, Instant since, int limit) {
        Page.limit(limit);
        List<StoredRequest> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        try {
            do {
                QueryResponse page = db.query(QueryRequest.builder().tableName(table).indexName(Table.SETTLED)
                        // created is "instant#id": every request created at `since` or later sorts at or above it
                        .keyConditionExpression("#k = :k AND #c >= :c")
                        .expressionAttributeNames(Map.of("#k", Table.SETTLED_KEY, "#c", Table.CREATED))
                        .expressionAttributeValues(Map.of(":k", s(Items.settledKey(profile)), ":c", s(sortable(since))))
                        .scanIndexForward(false).limit(limit - out.size()).exclusiveStartKey(start).build());
                for (Map<String, AttributeValue> item : page.items()) {
                    out.add(request(item));
                }
                start = next(page);
            } while (start != null && out.size() < limit);
        } catch (SdkException e) {
            throw new StoreException("reading the settled requests failed: " + e.getMessage(), e);
        }
        return out;
    }

    List<StoredRequest> open(String requester, String profile, Instant after) {
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

    /** A cursor: the sort key of the last item of a page, opaque to the caller. */
    static String encodeCursor(String created) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(created.getBytes(StandardCharsets.UTF_8));
    }

    static String decodeCursor(String cursor) {
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
