package io.countersign.store.dynamodb.testserver;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Every table, behind one lock: reads share it, every write — a whole transaction included — holds it
 * alone. So each write is atomic and isolated (API Reference, TransactWriteItems: "all or nothing";
 * Developer Guide, "Isolation levels": serializable between a transaction and any other write), and a
 * read sees each write wholly or not at all. Strongly consistent throughout: an eventually consistent
 * read (or a GSI query) never returns older data here than a strongly consistent one would.
 */
final class Database {

    private final Map<String, TableData> tables = new HashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final StrictDynamoTestServer.Fault fault;

    Database(StrictDynamoTestServer.Fault fault) {
        this.fault = fault;
    }

    /** Whether {@code action}'s condition holds for {@code current} — always, on a server told to ignore conditions. */
    boolean holds(WriteAction action, Map<String, Value> current) {
        return fault == StrictDynamoTestServer.Fault.IGNORE_CONDITIONS || action.holds(current);
    }

    <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * A table that item operations may use: existing and ACTIVE, else ResourceNotFoundException (API
     * Reference, "ResourceNotFoundException": "... or its status might not be ACTIVE").
     */
    TableData active(String name) {
        TableData t = tables.get(name);
        if (t == null || !t.active) {
            throw DynamoError.notFound(name);
        }
        return t;
    }

    /** A table in any state; null when there is none. Callers hold the lock. */
    TableData find(String name) {
        return tables.get(name);
    }

    void add(TableData t) {
        tables.put(t.schema.name(), t);
    }

    void remove(String name) {
        tables.remove(name);
    }
}
