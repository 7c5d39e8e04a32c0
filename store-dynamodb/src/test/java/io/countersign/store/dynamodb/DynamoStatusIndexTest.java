package io.countersign.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.contract.StatusIndexContract;
import io.countersign.engine.contract.StoreFixture;
import io.countersign.engine.model.StoredRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

class DynamoStatusIndexTest extends StatusIndexContract {
    @Override
    protected StoreFixture fixture() {
        return DynamoStoreFixture.INSTANCE;
    }

    /** No hot key: every shard of the status index holds its part of the flood. */
    @Override
    protected void afterFlood(List<StoredRequest> pending) {
        String table = ((DynamoStore) store).table();
        Map<String, Integer> perShard = new HashMap<>();
        for (int s = 0; s < DynamoStore.STATUS_SHARDS; s++) {
            String key = "STATUS#pending#" + s;
            int count = 0;
            Map<String, AttributeValue> start = null;
            do {
                var page = DynamoStoreFixture.client().query(QueryRequest.builder().tableName(table)
                        .indexName(Table.BY_STATUS).keyConditionExpression("#k = :k")
                        .expressionAttributeNames(Map.of("#k", Table.STATUS_KEY))
                        .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(key)))
                        .exclusiveStartKey(start).build());
                count += page.count();
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey()
                        : null;
            } while (start != null);
            perShard.put(key, count);
        }
        assertEquals(REQUESTS, perShard.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(REQUESTS, pending.size());
        perShard.forEach((k, n) -> assertTrue(n > REQUESTS / DynamoStore.STATUS_SHARDS / 3, k + ": " + perShard));
    }
}
