package io.countersign.store.dynamodb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.Authorizer;
import io.countersign.engine.contract.Tamperer;
import io.countersign.engine.directory.Directory;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.policy.PolicySetException;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.seal.SealKeys;
import io.countersign.engine.seal.SealedStore;
import io.countersign.engine.seal.Sealer;
import io.countersign.engine.store.Store;
import io.countersign.engine.workflow.Actor;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Workflow;
import io.countersign.lang.source.SourceFile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Request items as a countersign older than the due and settled indexes left them in a table ({@link
 * OldTables}): sealed and chained, without {@code dueKey}/{@code dueAt}/{@code followUpKey}/{@code
 * followUpAt}/{@code settledKey} (the code that wrote them did not know them), one written before follow-ups were tracked, and one item no
 * countersign can read. What {@code store upgrade} must re-key, or leave alone.
 */
public final class OldItems {

    /** The policy they were decided by: an instant break-glass rule and a default needing a lead. */
    public static final String POLICY = """
            policy ops {
              scope profile matches "prod-*"
              allow unsigned decisions
              rule incident {
                when has context.incident
                then approve
                  cap duration 1h
                  review after 2d
                  follow up "File the post-incident report" within 3d
              }
              default require approval from 1 of group "leads"
                follow up "Record the change in the CMDB" within 1d
            }
            """;

    /**
     * The requests written.
     *
     * @param ended a break-glass grant at {@code t0}, ended by the sweep at {@code t0}+1h: its review (due at
     *     {@code t0}+2d) not yet announced, its follow-up due at {@code t0}+3d
     * @param untracked a grant approved at {@code t0}+1h stored before follow-ups were tracked: its
     *     follow-up, derived from its sealed grant, due at {@code t0}+1h+1d
     * @param pending a request still pending: nothing due
     * @param cancelled a request cancelled while pending: nothing due
     * @param unreadable the id of an item whose document is not JSON
     */
    public record Written(String ended, String untracked, String pending, String cancelled, String unreadable) {

        /** The four readable requests. */
        public List<String> readable() {
            return List.of(ended, untracked, pending, cancelled);
        }
    }

    private OldItems() {
    }

    /**
     * Writes them into {@code table} (a table without the due or settled indexes), sealed with {@code keys}: made by
     * today's workflow in a scratch table (whose sweep ends the grant through the due index), then copied
     * item by item, the request items without their due and settled keys.
     */
    public static Written write(DynamoDbClient db, String table, SealKeys keys, Instant t0) {
        String scratch = table + "-scratch";
        Table.create(db, scratch);
        Store store = SealedStore.over(new DynamoStore(db, scratch, null), keys);
        String ended = workflow(store, t0).submit(ask("alice", Map.of("incident", "INC-9"))).id();
        String untracked = workflow(store, t0).submit(ask("frank", Map.of())).id();
        workflow(store, t0.plusSeconds(3600)).approve(untracked, "lead-1", Terms.because("fine"));
        String pending = workflow(store, t0).submit(ask("grace", Map.of())).id();
        String cancelled = workflow(store, t0).submit(ask("henry", Map.of())).id();
        workflow(store, t0.plusSeconds(60)).cancel(cancelled, Actor.of("henry"));
        if (!workflow(store, t0.plusSeconds(3601)).sweep().ended().contains(ended)) {
            throw new IllegalStateException("the break-glass grant should have ended");
        }
        // As older code wrote them: no tracked follow-ups in any version of the record, sealed all the same.
        new Tamperer(new DynamoRawRecords(db, scratch), new Sealer(keys)).rewrite(untracked,
                e -> ((ObjectNode) e.path("data").get("request")).remove("followUps"));
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = db.scan(b -> b.tableName(scratch).consistentRead(true).exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                Map<String, AttributeValue> old = new HashMap<>(item);
                old.keySet().removeAll(List.of(Table.DUE_KEY, Table.DUE_AT, Table.FOLLOW_UP_KEY, Table.FOLLOW_UP_AT,
                        Table.SETTLED_KEY));
                db.putItem(b -> b.tableName(table).item(old));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        db.deleteTable(b -> b.tableName(scratch));
        String unreadable = "not-json-1";
        db.putItem(b -> b.tableName(table).item(Map.of(Table.PK, Items.s(Items.requestKey(unreadable)),
                Table.SK, Items.s("REQ"), Table.DATA, Items.s("{\"id\": \"not-json-1\", "),
                Table.STATUS, Items.s("CANCELLED"), Table.VERSION, Items.n(1))));
        return new Written(ended, untracked, pending, cancelled, unreadable);
    }

    /** A workflow on {@code store} at {@code at}, deciding by {@link #POLICY}; leads are {@code lead-*}. */
    public static Workflow workflow(Store store, Instant at) {
        Directory directory = id -> Optional.of(new Directory.User(id,
                id.startsWith("lead") ? List.of("leads") : List.of("engineering"), Map.of()));
        PolicySet policies;
        try {
            policies = PolicySet.of(List.of(new SourceFile("ops.policy", POLICY)));
        } catch (PolicySetException e) {
            throw new IllegalStateException("the policy parses", e);
        }
        return new Workflow(Authorizer.of(policies), store, directory, Clock.fixed(at, ZoneOffset.UTC));
    }

    private static AccessRequest ask(String requester, Map<String, Object> context) {
        return new AccessRequest(null, requester, null, null, "prod-db", List.of(), Duration.ofHours(1), null,
                "Rotate the database credentials", "CHG-1", context, null);
    }
}
