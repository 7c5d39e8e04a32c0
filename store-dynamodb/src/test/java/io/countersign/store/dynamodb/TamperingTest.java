package io.countersign.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.audit.AuditTrail;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.workflow.StoredRequest;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Whoever can write the table can change it; `audit verify` must then say where. */
class TamperingTest {

    DynamoStore store;
    AuditTrail audit;
    String id;
    String other;

    @BeforeEach
    void aRequestWithAHistory() {
        Fixture.TestClock clock = Fixture.TestClock.monday();
        store = Fixture.store();
        Workflow wf = Fixture.workflow(store, clock);
        StoredRequest r = wf.submit(new AccessRequest(null, "frank", null, null, "prod-admin", List.of(),
                Duration.ofHours(1), null, "rotate keys", "CHG-9", Map.of(), null));
        wf.approve(r.id(), "alice", Terms.because("ok"));
        wf.approve(r.id(), "bob", Terms.because("ok"));
        id = r.id();
        other = wf.submit(new AccessRequest(null, "erin", null, null, "prod-admin", List.of(), Duration.ofHours(1), null,
                "untouched", "CHG-10", Map.of(), null)).id();
        audit = new AuditTrail(store);
        assertEquals(List.of(), audit.verifyAll(), "intact before anyone touches it");
    }

    private DynamoDbClient db() {
        return Fixture.db().client();
    }

    private Map<String, AttributeValue> key(String sk) {
        return Map.of("pk", AttributeValue.fromS("REQ#" + id), "sk", AttributeValue.fromS(sk));
    }

    private String data(String sk) {
        return db().getItem(b -> b.tableName(store.table()).key(key(sk))).item().get("data").s();
    }

    private void setData(String sk, String json) {
        db().updateItem(b -> b.tableName(store.table()).key(key(sk)).updateExpression("SET #d = :d")
                .expressionAttributeNames(Map.of("#d", "data"))
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(json))));
    }

    private List<AuditTrail.Finding> findings() {
        List<AuditTrail.Finding> all = audit.verifyAll();
        assertTrue(all.stream().allMatch(f -> f.requestId().equals(id)), "only the touched request: " + all);
        return all;
    }

    @Test
    void aChangedEventBreaksTheChainAtThatEvent() {
        setData("EVT#0000000002", data("EVT#0000000002").replace("\"actor\":\"alice\"", "\"actor\":\"mallory\""));
        List<AuditTrail.Finding> f = findings();
        assertEquals(1, f.size(), f.toString());
        assertEquals(2L, f.get(0).sequence());
        assertTrue(f.get(0).problem().contains("hash"), f.toString());
    }

    @Test
    void aRemovedEventBreaksTheChainWhereItWas() {
        db().deleteItem(b -> b.tableName(store.table()).key(key("EVT#0000000002")));
        List<AuditTrail.Finding> f = findings();
        assertEquals(3L, f.get(0).sequence(), f.toString());
    }

    @Test
    void removingTheNewestEventShowsToo() {
        db().deleteItem(b -> b.tableName(store.table()).key(key("EVT#0000000005")));
        List<AuditTrail.Finding> f = findings();
        assertTrue(f.get(0).problem().contains("missing"), f.toString());
    }

    @Test
    void reorderedEventsBreakTheChain() {
        String two = data("EVT#0000000002");
        String three = data("EVT#0000000003");
        setData("EVT#0000000002", three);
        setData("EVT#0000000003", two);
        List<AuditTrail.Finding> f = findings();
        assertTrue(f.get(0).problem().contains("where 2 was expected"), f.toString());
    }

    @Test
    void anAlteredDecisionDiffersFromTheOneAnnounced() {
        var items = db().query(b -> b.tableName(store.table()).keyConditionExpression("pk = :p AND begins_with(sk, :d)")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("REQ#" + id), ":d",
                        AttributeValue.fromS("DEC#")))).items();
        String sk = items.get(0).get("sk").s();
        setData(sk, data(sk).replace("\"rationale\":\"ok\"", "\"rationale\":\"approved by the CEO\""));
        List<AuditTrail.Finding> f = findings();
        assertTrue(f.get(0).problem().contains("differs"), f.toString());
    }
}
