package io.countersign.store.dynamodb.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Sixteen clients at once, each with its own connection pool: optimistic writes conditional on a version
 * (the store's pattern) lose no update, and a transaction is isolated (Developer Guide, "Isolation levels
 * for DynamoDB transactions": a read never sees part of one). Bounded: 16 threads, 25 rounds each.
 */
class ConcurrencyTest extends ServerTestBase {

    private static final int CLIENTS = 16;
    private static final int ROUNDS = 25;

    @Test
    void sixteenClientsLoseNoUpdateAndNeverSeeHalfATransaction() throws Exception {
        String t = table();
        put(t, item("pk", s("left"), "sk", s("1"), "v", n("0")));
        put(t, item("pk", s("right"), "sk", s("1"), "v", n("0")));
        AtomicInteger won = new AtomicInteger();
        AtomicInteger torn = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            done.add(pool.submit(() -> {
                try (DynamoDbClient mine = server.newClient()) {
                    for (int round = 0; round < ROUNDS; round++) {
                        if (client % 4 == 0) {
                            // a reader: both items in one read must carry the same version
                            var both = mine.batchGetItem(b -> b.requestItems(Map.of(t, KeysAndAttributes.builder()
                                    .keys(List.of(key("left", "1"), key("right", "1"))).consistentRead(true).build())))
                                    .responses().get(t);
                            if (!both.get(0).get("v").n().equals(both.get(1).get("v").n())) {
                                torn.incrementAndGet();
                            }
                            continue;
                        }
                        String seen = mine.getItem(b -> b.tableName(t).key(key("left", "1")).consistentRead(true))
                                .item().get("v").n();
                        String next = Long.toString(Long.parseLong(seen) + 1);
                        try {
                            mine.transactWriteItems(b -> b.transactItems(bump(t, "left", seen, next, client),
                                    bump(t, "right", seen, next, client)));
                            won.incrementAndGet();
                        } catch (TransactionCanceledException lost) {
                            // another client wrote first: the optimistic write lost, as it must
                        }
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(2, TimeUnit.MINUTES), "the clients finished");
        for (Future<?> f : done) {
            f.get();
        }
        assertEquals(0, torn.get(), "a read saw half a transaction");
        assertTrue(won.get() > 0);
        assertEquals(Integer.toString(won.get()), get(t, key("left", "1")).get("v").n());
        assertEquals(Integer.toString(won.get()), get(t, key("right", "1")).get("v").n());
    }

    /** Sets the item's version to {@code next} if it is still {@code seen}; the expression's names differ per client. */
    private static TransactWriteItem bump(String t, String pk, String seen, String next, int client) {
        String name = "#v" + client;
        return TransactWriteItem.builder().update(u -> u.tableName(t).key(key(pk, "1"))
                .updateExpression("SET " + name + " = :next").conditionExpression(name + " = :seen")
                .expressionAttributeNames(Map.of(name, "v"))
                .expressionAttributeValues(Map.<String, AttributeValue>of(":next", n(next), ":seen", n(seen)))).build();
    }
}
