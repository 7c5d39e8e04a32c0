package io.countersign.store.dynamodb;

import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.store.Due;
import io.countersign.engine.store.StoredJson;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The table's items made from the store's records and read back ({@link Table} lists them): each
 * item's keys, the index values derived from a request, and the JSON they keep. One place for the
 * store's writes, its reads, {@link DynamoArchive} and {@link IndexRekey}.
 */
final class Items {

    /** Fixed width, so that the strings sort as the instants do. */
    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Items() {
    }

    static Map<String, AttributeValue> requestItem(StoredRequest r) {
        return requestItem(r, StoredJson.write(r));
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
        item.put(Table.CREATED, s(created(r)));
        item.put(Table.REQUESTER_KEY, s("USER#" + r.requester()));
        item.put(Table.PROFILE_KEY, s("PROFILE#" + r.profile()));
        item.put(Table.STATUS_KEY, s("STATUS#" + r.status() + "#" + shard(r.id(), DynamoStore.STATUS_SHARDS)));
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
        // Sparse: only settled requests are in the index of precedent candidates.
        item.putAll(settledKey(r));
        Long purge = purgeAt(r);
        if (purge != null) {
            item.put(Table.PURGE_AT, n(purge));
        }
        return item;
    }

    /**
     * The attribute that puts {@code r} in the {@code settled} index (its sort key is {@code created},
     * which every request item has): empty unless {@code r} is settled ({@link StoredRequest#settled}).
     */
    static Map<String, AttributeValue> settledKey(StoredRequest r) {
        return r.settled() ? Map.of(Table.SETTLED_KEY, s(settledKey(r.profile()))) : Map.of();
    }

    /** The {@code settled} index's partition of a profile. */
    static String settledKey(String profile) {
        return "SETTLED#" + profile;
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

    /** Retention starts when a request's life ends: denied, expired, cancelled, revoked. */
    static Long purgeAt(StoredRequest r) {
        boolean finished = r.status() != RequestStatus.PENDING && r.status() != RequestStatus.APPROVED;
        return finished ? r.updatedAt().plus(DynamoStore.RETENTION).getEpochSecond() : null;
    }

    /** The sort key of the listings: the creation instant and the id. */
    static String created(StoredRequest r) {
        return sortable(r.createdAt()) + "#" + r.id();
    }

    static String requestKey(String id) {
        return "REQ#" + id;
    }

    static String eventKey(long sequence) {
        return String.format("EVT#%010d", sequence);
    }

    static String grantKey(String requester, String profile) {
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

    /** Where the next page starts; null after the last. */
    static Map<String, AttributeValue> next(QueryResponse page) {
        return page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    }

    static StoredRequest request(Map<String, AttributeValue> item) {
        return StoredJson.read(item.get(Table.DATA).s(), StoredRequest.class);
    }

}
