package io.countersign.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.audit.AuditTrail;
import io.countersign.engine.contract.Ask;
import io.countersign.engine.contract.RawRecords;
import io.countersign.engine.contract.TestClock;
import io.countersign.engine.contract.TestPolicies;
import io.countersign.engine.json.Json;
import io.countersign.engine.store.Archive;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Workflow;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What only DynamoDB's restore has to mind: a history longer than one transaction is written in parts,
 * and a restore cut short between them leaves items without a request item. Those are never read, and
 * the next restore of that id must not take them into its history.
 */
class DynamoRestoreTest {

    @Test
    void whatARestoreCutShortLeftIsNotTakenIntoTheNextOnesHistory() {
        DynamoStore source = DynamoStoreFixture.INSTANCE.open();
        DynamoStore target = DynamoStoreFixture.INSTANCE.open();
        try {
            TestClock clock = TestClock.monday();
            Workflow wf = TestPolicies.workflow(source, clock);
            StoredRequest r = wf.submit(Ask.ask("frank", "prod-admin").build());
            wf.approve(r.id(), "alice", Terms.because("ok"));
            Archive archive = source.archive(r.id()).orElseThrow();
            assertEquals(2, archive.history().events().size());

            // Left by a restore of a longer history under this id, cut short before its request item.
            RawRecords raw = DynamoStoreFixture.INSTANCE.raw(target);
            ObjectNode stray = Json.mapper().valueToTree(archive.history().events().get(0));
            for (long slot = 1; slot <= 120; slot++) {
                raw.writeEvent(r.id(), slot, stray.deepCopy().put("id", "stray-" + slot));
            }
            ObjectNode decision = Json.mapper().valueToTree(archive.history().decisions().get(0));
            raw.writeDecision(r.id(), decision.put("decisionId", "stray-decision"));
            assertTrue(target.history(r.id()).isEmpty(), "without its request item, nothing of it is read");
            assertTrue(target.outbox(10).isEmpty(), "nor delivered");

            assertTrue(target.restore(archive));
            Archive back = target.archive(r.id()).orElseThrow();
            assertEquals(Json.mapper().valueToTree(archive.history()), Json.mapper().valueToTree(back.history()));
            assertEquals(archive.deliveries(), back.deliveries());
            assertEquals(List.of(), new AuditTrail(target).verify(r.id()));
            assertEquals(2, raw.events(r.id()).size());
            assertEquals(1, raw.decisions(r.id()).size());
        } finally {
            DynamoStoreFixture.INSTANCE.drop(source);
            DynamoStoreFixture.INSTANCE.drop(target);
        }
    }
}
