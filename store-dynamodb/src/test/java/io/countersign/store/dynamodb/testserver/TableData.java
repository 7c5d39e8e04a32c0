package io.countersign.store.dynamodb.testserver;

import java.time.Instant;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * One table's items, by partition and then in sort-key order, and its global secondary indexes, each
 * kept in index order. An index holds only the items that have both of its key attributes (Developer
 * Guide, "Global secondary indexes": sparse indexes). Not thread-safe: {@link Database} guards it.
 */
final class TableData {

    /** As CreateTable gave it, widened by each index UpdateTable adds. */
    Schema schema;
    final Instant created = Instant.now();
    /**
     * CreateTable answers CREATING, and item operations find no table until a DescribeTable has seen it
     * ACTIVE: a client must wait for ACTIVE (API Reference, CreateTable), and one that polls is not kept waiting.
     */
    boolean active;
    /**
     * UpdateTable answers UPDATING (API Reference, UpdateTable: "the table status changes from ACTIVE to
     * UPDATING"); the next DescribeTable sees the table ACTIVE again while its new index still builds.
     */
    boolean updating;
    /**
     * Indexes UpdateTable added that are still CREATING (backfilling): a Query of one is refused. The
     * DescribeTable after the one that saw the table ACTIVE again sees them ACTIVE.
     */
    final Set<String> building = new HashSet<>();
    String ttlAttribute;

    private final Map<Value, NavigableMap<Value, Map<String, Value>>> partitions = new HashMap<>();
    private final Map<String, Map<Value, NavigableMap<IndexPosition, Map<String, Value>>>> indexes = new HashMap<>();
    private long items;
    private long bytes;

    /**
     * Where an item sits in an index: its index range key, then — for items whose index keys are equal,
     * an order DynamoDB leaves unspecified — its table key.
     */
    record IndexPosition(Value range, PrimaryKey table) {
        static final Comparator<IndexPosition> ORDER = Comparator.comparing(IndexPosition::range, PrimaryKey.ORDER)
                .thenComparing(IndexPosition::table, PrimaryKey.TABLE_ORDER);
    }

    TableData(Schema schema) {
        this.schema = schema;
        for (Schema.Index i : schema.indexes()) {
            indexes.put(i.name(), new HashMap<>());
        }
    }

    Map<String, Value> get(PrimaryKey key) {
        NavigableMap<Value, Map<String, Value>> p = partitions.get(key.hash());
        return p == null ? null : p.get(key.range());
    }

    /** Replaces the item with the same key (a checked item). */
    void put(Map<String, Value> item) {
        PrimaryKey key = schema.keyOf(item);
        delete(key);
        Map<String, Value> copy = Map.copyOf(item);
        partitions.computeIfAbsent(key.hash(), h -> new TreeMap<>(PrimaryKey.ORDER)).put(key.range(), copy);
        items++;
        bytes += Value.itemSize(copy);
        for (Schema.Index i : schema.indexes()) {
            index(i, key, copy);
        }
    }

    /** Files a stored item in index {@code i} when it has the index's key attributes (sparse). */
    private void index(Schema.Index i, PrimaryKey key, Map<String, Value> item) {
        Value hash = item.get(i.key().hash());
        Value range = i.key().range() == null ? PrimaryKey.NONE : item.get(i.key().range());
        if (hash != null && range != null) {
            indexes.get(i.name()).computeIfAbsent(hash, h -> new TreeMap<>(IndexPosition.ORDER))
                    .put(new IndexPosition(range, key), schema.project(i, item));
        }
    }

    /**
     * Adds index {@code added} of the widened schema {@code wider} (UpdateTable, Create) and backfills it
     * from the items there. An item whose index key attributes are not of their declared type does not
     * qualify and stays out (API Reference, GlobalSecondaryIndexDescription, Backfilling: "Not all items
     * will qualify"); later writes are checked against the index as for any other.
     */
    void addIndex(Schema wider, Schema.Index added) {
        schema = wider;
        indexes.put(added.name(), new HashMap<>());
        for (NavigableMap<Value, Map<String, Value>> partition : partitions.values()) {
            for (Map<String, Value> item : partition.values()) {
                boolean qualifies = added.key().attributes().stream().allMatch(a -> item.get(a) == null
                        || item.get(a).type().equals(wider.types().get(a)));
                if (qualifies) {
                    index(added, schema.keyOf(item), item);
                }
            }
        }
        building.add(added.name());
        updating = true;
    }

    /** Removes the item with this key; nothing when there is none. */
    void delete(PrimaryKey key) {
        NavigableMap<Value, Map<String, Value>> p = partitions.get(key.hash());
        Map<String, Value> old = p == null ? null : p.remove(key.range());
        if (old == null) {
            return;
        }
        if (p.isEmpty()) {
            partitions.remove(key.hash());
        }
        items--;
        bytes -= Value.itemSize(old);
        for (Schema.Index i : schema.indexes()) {
            Value hash = old.get(i.key().hash());
            Value range = i.key().range() == null ? PrimaryKey.NONE : old.get(i.key().range());
            if (hash != null && range != null) {
                Map<Value, NavigableMap<IndexPosition, Map<String, Value>>> index = indexes.get(i.name());
                NavigableMap<IndexPosition, Map<String, Value>> part = index.get(hash);
                part.remove(new IndexPosition(range, key));
                if (part.isEmpty()) {
                    index.remove(hash);
                }
            }
        }
    }

    /**
     * Every item in scan order: partitions by their key in {@link PrimaryKey#ORDER} (DynamoDB's order is
     * its hash's, unspecified but stable), items within one by sort key; those after {@code after} only.
     */
    List<Map<String, Value>> scan(PrimaryKey after) {
        List<Value> hashes = new ArrayList<>(partitions.keySet());
        hashes.sort(PrimaryKey.ORDER);
        List<Map<String, Value>> out = new ArrayList<>();
        for (Value hash : hashes) {
            int c = after == null ? 1 : PrimaryKey.ORDER.compare(hash, after.hash());
            if (c < 0) {
                continue;
            }
            NavigableMap<Value, Map<String, Value>> part = partitions.get(hash);
            out.addAll((c == 0 ? part.tailMap(after.range(), false) : part).values());
        }
        return out;
    }

    /** The items of a partition by sort key (empty when none). */
    NavigableMap<Value, Map<String, Value>> partition(Value hash) {
        return partitions.getOrDefault(hash, new TreeMap<>(PrimaryKey.ORDER));
    }

    /** The projected items of an index partition in index order (empty when none). */
    NavigableMap<IndexPosition, Map<String, Value>> indexPartition(String index, Value hash) {
        return indexes.get(index).getOrDefault(hash, new TreeMap<>(IndexPosition.ORDER));
    }

    long itemCount() {
        return items;
    }

    long sizeBytes() {
        return bytes;
    }

    long indexCount(String index) {
        return indexes.get(index).values().stream().mapToLong(Map::size).sum();
    }
}
