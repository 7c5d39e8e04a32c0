package io.countersign.store.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.contract.RawRecords;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.json.Json;
import io.countersign.engine.model.StoredRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * A table's items as someone with write access to it sees them: {@code GetItem}, {@code UpdateItem},
 * {@code PutItem} and {@code DeleteItem} on the keys {@link Table} describes, without conditions.
 */
final class DynamoRawRecords implements RawRecords {

    private final DynamoDbClient db;
    private final String table;

    DynamoRawRecords(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    @Override
    public Optional<ObjectNode> request(String id) {
        Map<String, AttributeValue> item = db.getItem(b -> b.tableName(table).key(key(id, "REQ")).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(tree(item));
    }

    @Override
    public void writeRequest(String id, JsonNode request) {
        setData(id, "REQ", request);
    }

    @Override
    public void writeRequestIndexed(String id, JsonNode request) {
        StoredRequest r = read(request, StoredRequest.class);
        if (!r.id().equals(id)) {
            throw new IllegalArgumentException("the document is request " + r.id() + ", not " + id);
        }
        deleteInbox(id);
        db.putItem(b -> b.tableName(table).item(Items.requestItem(r, text(request))));
        for (String p : r.inbox()) {
            db.putItem(b -> b.tableName(table).item(Items.inboxItem(r, p)));
        }
    }

    @Override
    public void deleteRequest(String id) {
        deleteInbox(id);
        db.deleteItem(b -> b.tableName(table).key(key(id, "REQ")));
    }

    @Override
    public List<ObjectNode> decisions(String id) {
        List<ObjectNode> out = new ArrayList<>();
        items(id, "DEC#").forEach(item -> out.add(tree(item)));
        return out;
    }

    @Override
    public void writeDecision(String id, JsonNode decision) {
        String sk = decisionKey(id, decision.path("decisionId").asText());
        if (sk != null) {
            setData(id, sk, decision);
        } else {
            db.putItem(b -> b.tableName(table).item(Items.decisionItem(id, read(decision, ApprovalDecision.class),
                    text(decision), null)));
        }
    }

    @Override
    public void deleteDecision(String id, String decisionId) {
        String sk = decisionKey(id, decisionId);
        if (sk != null) {
            db.deleteItem(b -> b.tableName(table).key(key(id, sk)));
        }
    }

    @Override
    public SortedMap<Long, ObjectNode> events(String id) {
        SortedMap<Long, ObjectNode> out = new TreeMap<>();
        for (Map<String, AttributeValue> item : items(id, "EVT#")) {
            out.put(Long.parseLong(item.get(Table.SK).s().substring("EVT#".length())), tree(item));
        }
        return out;
    }

    /** An update of the document alone keeps the slot's outbox attributes; on an empty slot it makes a bare item. */
    @Override
    public void writeEvent(String id, long slot, JsonNode event) {
        setData(id, Items.eventKey(slot), event);
    }

    @Override
    public void deleteEvent(String id, long slot) {
        db.deleteItem(b -> b.tableName(table).key(key(id, Items.eventKey(slot))));
    }

    // ----------------------------------------------------------------------------------------------------

    private void setData(String id, String sk, JsonNode json) {
        db.updateItem(b -> b.tableName(table).key(key(id, sk)).updateExpression("SET #d = :d")
                .expressionAttributeNames(Map.of("#d", Table.DATA))
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(text(json)))));
    }

    private String decisionKey(String id, String decisionId) {
        for (Map<String, AttributeValue> item : items(id, "DEC#")) {
            if (tree(item).path("decisionId").asText().equals(decisionId)) {
                return item.get(Table.SK).s();
            }
        }
        return null;
    }

    private void deleteInbox(String id) {
        for (Map<String, AttributeValue> item : items(id, "INBOX#")) {
            db.deleteItem(b -> b.tableName(table).key(key(id, item.get(Table.SK).s())));
        }
    }

    /** The request's items whose sort key starts with {@code prefix}, in key order. */
    private List<Map<String, AttributeValue>> items(String id, String prefix) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = db.query(QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("#pk = :pk AND begins_with(#sk, :p)")
                    .expressionAttributeNames(Map.of("#pk", Table.PK, "#sk", Table.SK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Items.requestKey(id)),
                            ":p", AttributeValue.fromS(prefix)))
                    .exclusiveStartKey(start).build());
            out.addAll(page.items());
            start = Items.next(page);
        } while (start != null);
        return out;
    }

    private static Map<String, AttributeValue> key(String id, String sk) {
        return Items.key(Items.requestKey(id), sk);
    }

    private static ObjectNode tree(Map<String, AttributeValue> item) {
        try {
            return (ObjectNode) Json.mapper().readTree(item.get(Table.DATA).s());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored document is not JSON: " + e.getMessage(), e);
        }
    }

    private static <T> T read(JsonNode json, Class<T> type) {
        try {
            return Json.mapper().treeToValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the document does not read as a " + type.getSimpleName() + ": "
                    + Json.describe(e), e);
        }
    }

    private static String text(JsonNode json) {
        try {
            return Json.mapper().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
