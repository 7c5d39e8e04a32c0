package io.countersign.store.dynamodb.testserver;

import java.util.Comparator;

/** A table item's primary key; a table without a sort key has {@link #NONE} for its range. */
record PrimaryKey(Value hash, Value range) {

    /** The range of every item of a table without a sort key. */
    static final Value NONE = new Value.Null();

    /** Key values of one attribute all have one type: S and B by unsigned bytes, N by value. */
    static final Comparator<Value> ORDER = (a, b) -> a instanceof Value.Null || b instanceof Value.Null ? 0
            : Value.compare(a, b);

    static final Comparator<PrimaryKey> TABLE_ORDER =
            Comparator.comparing(PrimaryKey::hash, ORDER).thenComparing(PrimaryKey::range, ORDER);
}
