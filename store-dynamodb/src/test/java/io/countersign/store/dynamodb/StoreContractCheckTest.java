package io.countersign.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.audit.AuditTrail;
import io.countersign.engine.store.Archive;
import io.countersign.engine.store.Change;
import io.countersign.engine.store.ConflictException;
import io.countersign.engine.store.History;
import io.countersign.engine.store.Listing;
import io.countersign.engine.store.OutboxEntry;
import io.countersign.engine.store.Page;
import io.countersign.engine.store.Store;
import io.countersign.engine.store.check.CheckResult;
import io.countersign.engine.store.check.StoreContractCheck;
import io.countersign.engine.model.StoredRequest;
import io.countersign.store.dynamodb.testserver.PerClassServer;
import io.countersign.store.dynamodb.testserver.StrictDynamoTestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store contract check ({@code countersign store check}) passes on the DynamoDB store over the strict
 * test server, leaves records that audit clean, and names the check that fails when a store breaks the
 * contract: here stores wrapped to misbehave, and a server that ignores conditions.
 */
class StoreContractCheckTest {

    @RegisterExtension
    static final PerClassServer server = new PerClassServer();



    private static DynamoStore store(StrictDynamoTestServer on) {
        String table = "check-" + System.nanoTime();
        Table.create(on.client(), table);
        return new DynamoStore(on.client(), table, null);
    }

    private static Set<String> failed(Store store) {
        List<CheckResult> results = StoreContractCheck.of(store).withSettle(Duration.ofMillis(200)).run(r -> { });
        return results.stream().filter(r -> !r.passed()).map(CheckResult::name).collect(Collectors.toSet());
    }

    @Test
    void theDynamoStorePassesEveryCheckAndLeavesRecordsThatAuditClean() {
        DynamoStore store = store(server.get());
        List<CheckResult> results = new ArrayList<>();
        StoreContractCheck.of(store).run(results::add);
        assertEquals(StoreContractCheck.names(), results.stream().map(CheckResult::name).toList());
        results.forEach(r -> assertTrue(r.passed(), r.name() + ": " + r.problem()));
        assertEquals(List.of(), new AuditTrail(store).verifyAll(), "the check's records verify as a workflow's would");
        assertTrue(store.outbox(100).isEmpty(), "the check delivered every event it wrote");
        assertTrue(store.list(new Listing.ByStatus(io.countersign.engine.model.RequestStatus.PENDING), null, 100)
                .items().isEmpty(), "nothing of the check stays pending");
    }

    @Test
    void aServerThatIgnoresConditionsFailsTheConflictChecks() {
        try (StrictDynamoTestServer lax = StrictDynamoTestServer.start(StrictDynamoTestServer.Fault.IGNORE_CONDITIONS)) {
            Set<String> failed = failed(store(lax));
            assertTrue(failed.contains("duplicate create is a conflict"), failed.toString());
            assertTrue(failed.contains("conditional transition"), failed.toString());
        }
    }

    @Test
    void aStoreThatLosesUpdatesFailsTheTransitionCheck() {
        Store lossy = new Wrapped(store(server.get())) {
            @Override
            public void transition(StoredRequest before, Change change) {
                try {
                    super.transition(before, change);
                } catch (ConflictException swallowed) {
                    // the misbehaviour: a lost race reported as success
                }
            }
        };
        assertEquals(Set.of("conditional transition"), failed(lossy));
    }

    @Test
    void aStoreThatListsOldestFirstFailsTheListingCheck() {
        Store backwards = new Wrapped(store(server.get())) {
            @Override
            public Page<StoredRequest> list(Listing listing, String cursor, int limit) {
                Page<StoredRequest> p = super.list(listing, cursor, limit);
                List<StoredRequest> items = new ArrayList<>(p.items());
                Collections.reverse(items);
                return new Page<>(items, p.next());
            }
        };
        assertTrue(failed(backwards).contains("listings newest first with cursors"));
    }

    @Test
    void aStoreThatForgetsDeliveriesFailsTheOutboxCheck() {
        Store forgetful = new Wrapped(store(server.get())) {
            @Override
            public void delivery(OutboxEntry entry, boolean done, boolean dead) {
                // the misbehaviour: nothing recorded
            }
        };
        Set<String> failed = failed(forgetful);
        assertTrue(failed.contains("outbox order and delivery"), failed.toString());
        assertFalse(failed.contains("create and read back"));
    }

    /** A store that passes every call on. */
    private static class Wrapped implements Store {
        private final Store inner;

        Wrapped(Store inner) {
            this.inner = inner;
        }

        @Override
        public void create(Change change) {
            inner.create(change);
        }

        @Override
        public void transition(StoredRequest before, Change change) {
            inner.transition(before, change);
        }

        @Override
        public Optional<StoredRequest> get(String id) {
            return inner.get(id);
        }

        @Override
        public Optional<History> history(String id) {
            return inner.history(id);
        }

        @Override
        public Page<StoredRequest> list(Listing listing, String cursor, int limit) {
            return inner.list(listing, cursor, limit);
        }

        @Override
        public List<StoredRequest> open(String requester, String profile, Instant after) {
            return inner.open(requester, profile, after);
        }

        @Override
        public List<OutboxEntry> outbox(int limit) {
            return inner.outbox(limit);
        }

        @Override
        public List<OutboxEntry> deadLetters(int limit) {
            return inner.deadLetters(limit);
        }

        @Override
        public void delivery(OutboxEntry entry, boolean done, boolean dead) {
            inner.delivery(entry, done, dead);
        }

        @Override
        public boolean retry(String eventId) {
            return inner.retry(eventId);
        }

        @Override
        public Page<String> requestIds(String cursor, int limit) {
            return inner.requestIds(cursor, limit);
        }

        @Override
        public Optional<Archive> archive(String id) {
            return inner.archive(id);
        }

        @Override
        public boolean restore(Archive archive) {
            return inner.restore(archive);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
