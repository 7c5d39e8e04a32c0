package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.audit.AuditTrail;
import io.countersign.engine.json.Json;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.workflow.Terms;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whoever can write the store's records can change them; `audit verify` must then say where. */
public abstract class TamperingContract extends WorkflowContract {

    AuditTrail audit;
    String id;
    String other;

    @BeforeEach
    void aRequestWithAHistory() {
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

    private ObjectNode event(long slot) {
        return raw.events(id).get(slot);
    }

    private ObjectNode edited(ObjectNode json, String from, String to) throws Exception {
        String text = Json.mapper().writeValueAsString(json);
        assertTrue(text.contains(from), text);
        return (ObjectNode) Json.mapper().readTree(text.replace(from, to));
    }

    private List<AuditTrail.Finding> findings() {
        List<AuditTrail.Finding> all = audit.verifyAll();
        assertTrue(all.stream().allMatch(f -> f.requestId().equals(id)), "only the touched request: " + all);
        return all;
    }

    @Test
    void aChangedEventBreaksTheChainAtThatEvent() throws Exception {
        raw.writeEvent(id, 2, edited(event(2), "\"actor\":\"alice\"", "\"actor\":\"mallory\""));
        List<AuditTrail.Finding> f = findings();
        assertEquals(1, f.size(), f.toString());
        assertEquals(2L, f.get(0).sequence());
        assertTrue(f.get(0).problem().contains("hash"), f.toString());
    }

    @Test
    void aRemovedEventBreaksTheChainWhereItWas() {
        raw.deleteEvent(id, 2);
        List<AuditTrail.Finding> f = findings();
        assertEquals(3L, f.get(0).sequence(), f.toString());
    }

    @Test
    void removingTheNewestEventShowsToo() {
        assertEquals(5, raw.events(id).lastKey());
        raw.deleteEvent(id, 5);
        List<AuditTrail.Finding> f = findings();
        assertTrue(f.get(0).problem().contains("missing"), f.toString());
    }

    @Test
    void reorderedEventsBreakTheChain() {
        ObjectNode two = event(2);
        ObjectNode three = event(3);
        raw.writeEvent(id, 2, three);
        raw.writeEvent(id, 3, two);
        List<AuditTrail.Finding> f = findings();
        assertTrue(f.get(0).problem().contains("where 2 was expected"), f.toString());
    }

    @Test
    void anAlteredDecisionDiffersFromTheOneAnnounced() throws Exception {
        ObjectNode first = raw.decisions(id).get(0);
        raw.writeDecision(id, edited(first, "\"rationale\":\"ok\"", "\"rationale\":\"approved by the CEO\""));
        List<AuditTrail.Finding> f = findings();
        assertTrue(f.get(0).problem().contains("differs"), f.toString());
    }
}
