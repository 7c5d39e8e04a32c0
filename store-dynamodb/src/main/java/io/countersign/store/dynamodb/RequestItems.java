package io.countersign.store.dynamodb;

import static io.countersign.store.dynamodb.Items.key;
import static io.countersign.engine.store.StoredJson.read;
import static io.countersign.store.dynamodb.Items.request;
import static io.countersign.store.dynamodb.Items.requestKey;
import static io.countersign.store.dynamodb.Items.s;

import com.fasterxml.jackson.databind.JsonNode;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventType;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.store.History;
import io.countersign.engine.store.StoreException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * One request's items, all under its partition key: the request by a consistent {@code GetItem}, and
 * everything of it (its history, an archive, the keys retention stamps) by one consistent query.
 */
final class RequestItems {

    private final DynamoDbClient db;
    private final String table;

    RequestItems(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    Optional<StoredRequest> get(String id) {
        try {
            Map<String, AttributeValue> item = db.getItem(b -> b.tableName(table).key(key(requestKey(id), "REQ"))
                    .consistentRead(true)).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(request(item));
        } catch (SdkException e) {
            throw new StoreException("reading request " + id + " failed: " + e.getMessage(), e);
        }
    }

    Optional<History> history(String id) {
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

    /** Every item of request {@code id}, whole or (keysOnly) its keys alone, in key order. */
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
                start = Items.next(page);
            } while (start != null);
        } catch (SdkException e) {
            throw new StoreException("reading request " + id + " failed: " + e.getMessage(), e);
        }
        return out;
    }
}
