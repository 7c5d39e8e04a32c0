package io.countersign.store.dynamodb;

import static io.countersign.store.dynamodb.Items.next;
import static io.countersign.store.dynamodb.Items.request;
import static io.countersign.store.dynamodb.Items.s;
import static io.countersign.store.dynamodb.Items.sortable;

import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.store.Due;
import io.countersign.engine.store.Page;
import io.countersign.engine.store.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * A page of a due index ({@link DueKeys}), earliest due first: each shard read oldest first from the
 * cursor on (at most a page and one more), merged. A shard cut short bounds the page at its last item,
 * as a listing does.
 */
final class DueListing {

    private final DynamoDbClient db;
    private final String table;

    DueListing(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    Page<StoredRequest> due(Due which, Instant until, String cursor, int limit) {
        Page.limit(limit);
        String after = cursor == null ? null : Listings.decodeCursor(cursor);
        // "$" sorts just above "#": a request due exactly at the bound is in.
        String bound = until == null ? null : sortable(until) + "$";
        DueKeys.Index index = DueKeys.of(which);
        String at = index.at();
        List<Map<String, AttributeValue>> candidates = new ArrayList<>();
        String ceiling = null;
        boolean more = false;
        for (int i = 0; i < DynamoStore.DUE_SHARDS; i++) {
            Map<String, String> names = new LinkedHashMap<>();
            Map<String, AttributeValue> values = new LinkedHashMap<>();
            names.put("#k", index.key());
            values.put(":k", s(index.shard(i)));
            String condition = "#k = :k";
            if (after != null) {
                names.put("#a", at);
                values.put(":a", s(after));
                condition += " AND #a > :a";
            } else if (bound != null) {
                names.put("#a", at);
                values.put(":a", s(bound));
                condition += " AND #a <= :a";
            }
            QueryResponse page;
            try {
                page = db.query(QueryRequest.builder().tableName(table).indexName(index.name())
                        .keyConditionExpression(condition).expressionAttributeNames(names)
                        .expressionAttributeValues(values).scanIndexForward(true).limit(limit + 1).build());
            } catch (SdkException e) {
                throw new StoreException("reading the due index failed: " + e.getMessage(), e);
            }
            boolean past = false;
            for (Map<String, AttributeValue> item : page.items()) {
                if (bound != null && item.get(at).s().compareTo(bound) > 0) {
                    past = true;
                    break;
                }
                candidates.add(item);
            }
            if (!past && next(page) != null && !page.items().isEmpty()) {
                more = true;
                String last = page.items().get(page.items().size() - 1).get(at).s();
                ceiling = ceiling == null || last.compareTo(ceiling) < 0 ? last : ceiling;
            }
        }
        candidates.sort(Comparator.comparing(item -> item.get(at).s()));
        List<StoredRequest> items = new ArrayList<>();
        String last = null;
        for (Map<String, AttributeValue> item : candidates) {
            if (items.size() == limit || ceiling != null && item.get(at).s().compareTo(ceiling) > 0) {
                more = true;
                break;
            }
            items.add(request(item));
            last = item.get(at).s();
        }
        return new Page<>(items, more && last != null ? Listings.encodeCursor(last) : null);
    }
}
