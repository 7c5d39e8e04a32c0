package io.countersign.store.dynamodb;

import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.store.Archive;
import io.countersign.engine.store.Change;
import io.countersign.engine.store.Due;
import io.countersign.engine.store.History;
import io.countersign.engine.store.Listing;
import io.countersign.engine.store.OutboxEntry;
import io.countersign.engine.store.Page;
import io.countersign.engine.store.Store;
import io.countersign.engine.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The {@link Store} on one DynamoDB table ({@link Table}). Creation is conditional on the id not
 * existing; every transition is one {@code TransactWriteItems} that replaces the request (conditional
 * on its version and status), puts the decisions and events, and moves the approver-inbox entries
 * ({@link ChangeItems}). Listings query an index newest first ({@link Listings}, {@link DueListing}); the
 * status index is write-sharded so a flood of pending requests has no hot key, and its shards are merged
 * on read. Precedent candidates come from a sparse index of the settled requests by profile. The items
 * themselves: {@link Items}; a request's own: {@link RequestItems}; the outbox: {@link OutboxItems}.
 */
public final class DynamoStore implements Store {

    /** Shards of the status index: a flood of one status spreads over this many partitions. */
    public static final int STATUS_SHARDS = 8;
    /** Shards of the outbox index. */
    public static final int OUTBOX_SHARDS = 4;
    /** Shards of each due index. */
    public static final int DUE_SHARDS = 4;
    /** How long a finished request's items are kept before TTL may delete them. */
    public static final Duration RETENTION = Duration.ofDays(400);

    private final String table;
    private final AutoCloseable owned;
    private final RequestItems requests;
    private final ChangeItems changes;
    private final Listings listings;
    private final DueListing due;
    private final OutboxItems outbox;
    private final DynamoArchive moving;

    /**
     * A store on {@code table} through {@code db}; {@code owned} (may be null) is closed with the store:
     * the client.
     */
    public DynamoStore(DynamoDbClient db, String table, AutoCloseable owned) {
        this.table = table;
        this.owned = owned;
        this.requests = new RequestItems(db, table);
        this.changes = new ChangeItems(db, table, requests);
        this.listings = new Listings(db, table);
        this.due = new DueListing(db, table);
        this.outbox = new OutboxItems(db, table);
        this.moving = new DynamoArchive(requests, changes, db, table);
    }

    /** The table's name. */
    public String table() {
        return table;
    }

    @Override
    public void create(Change change) {
        changes.create(change);
    }

    @Override
    public void transition(StoredRequest before, Change change) {
        changes.transition(before, change);
    }

    @Override
    public Optional<StoredRequest> get(String id) {
        return requests.get(id);
    }

    @Override
    public Optional<History> history(String id) {
        return requests.history(id);
    }

    @Override
    public Page<StoredRequest> list(Listing listing, String cursor, int limit) {
        return listings.list(listing, cursor, limit);
    }

    @Override
    public List<StoredRequest> settled(String profile, Instant since, int limit) {
        return listings.settled(profile, since, limit);
    }

    @Override
    public List<StoredRequest> open(String requester, String profile, Instant after) {
        return listings.open(requester, profile, after);
    }

    @Override
    public Page<StoredRequest> due(Due which, Instant until, String cursor, int limit) {
        return due.due(which, until, cursor, limit);
    }

    @Override
    public List<OutboxEntry> outbox(int limit) {
        return outbox.oldest("OUTBOX#", limit);
    }

    @Override
    public List<OutboxEntry> deadLetters(int limit) {
        return outbox.oldest("DEAD#", limit);
    }

    @Override
    public void delivery(OutboxEntry entry, boolean done, boolean dead) {
        outbox.delivery(entry, done, dead);
    }

    @Override
    public Map<Long, Set<String>> deliveredTo(String id) {
        return outbox.deliveredTo(id);
    }

    @Override
    public boolean retry(String eventId) {
        return outbox.retry(eventId);
    }

    @Override
    public Page<String> requestIds(String cursor, int limit) {
        return moving.requestIds(cursor, limit);
    }

    @Override
    public Optional<Archive> archive(String id) {
        return moving.archive(id);
    }

    @Override
    public boolean restore(Archive archive) {
        return moving.restore(archive);
    }

    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new StoreException("closing the store failed: " + e.getMessage(), e);
            }
        }
    }
}
