package io.countersign.analysis.replay;

import io.countersign.engine.store.Change;
import io.countersign.engine.store.ConflictException;
import io.countersign.engine.store.History;
import io.countersign.engine.store.Listing;
import io.countersign.engine.store.OutboxEntry;
import io.countersign.engine.store.Page;
import io.countersign.engine.store.Store;
import io.countersign.engine.model.StoredRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The part of the Store contract replay reads — create, and listings by status, newest first, paged by
 * cursor — kept in memory, so that replay is tested at 100,000 requests without a database. The
 * other operations are not replay's and refuse.
 */
final class ListStore implements Store {

    private final Map<String, StoredRequest> requests = new ConcurrentHashMap<>();
    private List<StoredRequest> sorted;

    @Override
    public void create(Change change) {
        if (requests.putIfAbsent(change.request().id(), change.request()) != null) {
            throw new ConflictException("exists: " + change.request().id());
        }
        sorted = null;
    }

    @Override
    public Page<StoredRequest> list(Listing listing, String cursor, int limit) {
        if (!(listing instanceof Listing.ByStatus s)) {
            throw new UnsupportedOperationException("replay lists by status");
        }
        if (sorted == null) {
            sorted = new ArrayList<>(requests.values());
            sorted.sort(Comparator.comparing(StoredRequest::createdAt).reversed().thenComparing(StoredRequest::id));
        }
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        List<StoredRequest> out = new ArrayList<>();
        int i = from;
        for (; i < sorted.size() && out.size() < limit; i++) {
            if (sorted.get(i).status() == s.status()) {
                out.add(sorted.get(i));
            }
        }
        return new Page<>(out, i < sorted.size() ? String.valueOf(i) : null);
    }

    @Override
    public void transition(StoredRequest before, Change change) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<StoredRequest> get(String id) {
        return Optional.ofNullable(requests.get(id));
    }

    @Override
    public Optional<History> history(String id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<StoredRequest> open(String requester, String profile, Instant after) {
        return List.of();
    }

    @Override
    public List<OutboxEntry> outbox(int limit) {
        return List.of();
    }

    @Override
    public List<OutboxEntry> deadLetters(int limit) {
        return List.of();
    }

    @Override
    public void delivery(OutboxEntry entry, boolean done, boolean dead) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean retry(String eventId) {
        return false;
    }

    @Override
    public Page<String> requestIds(String cursor, int limit) {
        throw new UnsupportedOperationException("not replay's");
    }

    @Override
    public Optional<io.countersign.engine.store.Archive> archive(String id) {
        throw new UnsupportedOperationException("not replay's");
    }

    @Override
    public boolean restore(io.countersign.engine.store.Archive archive) {
        throw new UnsupportedOperationException("not replay's");
    }

    @Override
    public void close() {
    }
}
