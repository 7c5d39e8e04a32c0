package io.countersign.store.dynamodb;

import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.store.Due;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The attributes that put a request's item in the due indexes ({@link Due}), computed in this one place
 * for the store's writes ({@link Items#requestItem}), its reads ({@link DueListing}) and
 * {@code store upgrade}'s re-keying of items written before the indexes were ({@link IndexRekey}). Each
 * index is sparse and write-sharded: {@code PREFIX#shard} / fixed-width instant{@code #id}.
 */
final class DueKeys {

    /**
     * One due index.
     *
     * @param name the index's name
     * @param key its partition key attribute, holding {@code prefix} and the request's shard
     * @param at its sort key attribute, holding the instant due and the id
     */
    record Index(String name, String key, String at, String prefix) {

        /** The partition key value of shard {@code shard}. */
        String shard(int shard) {
            return prefix + shard;
        }
    }

    private static final Index SWEEP = new Index(Table.DUE, Table.DUE_KEY, Table.DUE_AT, "DUE#");
    private static final Index FOLLOW_UP = new Index(Table.FOLLOW_UPS, Table.FOLLOW_UP_KEY, Table.FOLLOW_UP_AT,
            "FOLLOWUP#");

    private DueKeys() {
    }

    static Index of(Due which) {
        return switch (which) {
            case SWEEP -> SWEEP;
            case FOLLOW_UP -> FOLLOW_UP;
        };
    }

    /** The two attributes that put {@code r} in index {@code which}; empty when it owes nothing there. */
    static Map<String, AttributeValue> of(Due which, StoredRequest r) {
        Instant due = which.of(r);
        if (due == null) {
            return Map.of();
        }
        Index i = of(which);
        return Map.of(i.key(), Items.s(i.shard(Items.shard(r.id(), DynamoStore.DUE_SHARDS))),
                i.at(), Items.s(Items.sortable(due) + "#" + r.id()));
    }
}
