package io.countersign.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.access.AccessAnswer;
import io.countersign.engine.contract.TestClock;
import io.countersign.engine.contract.TestPolicies;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gateway asks on every call: the answer must cost one indexed query, and for a grant it allows one
 * more, of that request's own items (its record is verified before it is trusted), and nothing else.
 */
class AccessCheckCostTest {

    @Test
    void anAccessCheckIsOneQuery() {
        TestClock clock = TestClock.monday();
        DynamoStore setup = DynamoStoreFixture.INSTANCE.open();
        CountingClient counting = new CountingClient(DynamoStoreFixture.client());
        try (DynamoStore store = new DynamoStore(counting.client(), setup.table(), null)) {
            Workflow wf = new Workflow(TestPolicies.authorizer(), store, TestPolicies.directory(), clock);
            // other people's requests and other profiles share the table: the query must not read them
            for (String who : List.of("bob", "erin", "frank")) {
                wf.submit(new AccessRequest(null, who, null, null, "prod-admin", List.of(), Duration.ofHours(1),
                        null, "maintenance window", null, Map.of(), null));
            }
            StoredRequest r = wf.submit(new AccessRequest(null, "frank", null, null, "prod-data", List.of("read"),
                    Duration.ofHours(1), null, "quarterly report", null, Map.of(), null));
            wf.approve(r.id(), "dave", Terms.because("fine"));

            for (String[] ask : new String[][] {{"frank", "prod-data"}, {"frank", "prod-admin"}, {"bob", "prod-x"}}) {
                counting.reset();
                AccessAnswer a = wf.checkAccess(ask[0], ask[1], List.of(), clock.instant());
                assertEquals(Map.of("query", a.allowed() ? 2L : 1L), counting.calls(), ask[0] + " " + ask[1] + ": " + a);
            }
            counting.reset();
            assertTrue(wf.checkAccess("frank", "prod-data", List.of("read"), clock.instant()).allowed());
            assertEquals(Map.of("query", 2L), counting.calls());
        } finally {
            DynamoStoreFixture.INSTANCE.drop(setup);
        }
    }
}
