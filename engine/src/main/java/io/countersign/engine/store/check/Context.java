package io.countersign.engine.store.check;

import io.countersign.engine.event.Event;
import io.countersign.engine.store.Change;
import io.countersign.engine.store.ConflictException;
import io.countersign.engine.store.Listing;
import io.countersign.engine.store.OutboxEntry;
import io.countersign.engine.store.Page;
import io.countersign.engine.store.Store;
import io.countersign.engine.model.StoredRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/** What every check works with: the store, the run's records, and patience for index reads. */
record Context(Store store, CheckRecords records, Function<Supplier<String>, String> eventually) {

    /** Pages a listing may take before a check gives up on finding its records: 50,000 requests. */
    static final int MAX_PAGES = 50;
    static final int PAGE = 1000;

    /** Stores a new request, noting it for the clean-up. */
    StoredRequest create(Change c) {
        store.create(c);
        records.stored(c.request().id());
        return c.request();
    }

    StoredRequest transition(StoredRequest before, Change c) {
        store.transition(before, c);
        return c.request();
    }

    /** Whether {@code write} was refused as a conflict; false when it was applied. */
    static boolean conflicts(Runnable write) {
        try {
            write.run();
            return false;
        } catch (ConflictException expected) {
            return true;
        }
    }

    /** Every id of a listing, page by page, or a problem: a page repeating an id or too many pages. */
    Paged all(Listing listing, int pageSize) {
        List<String> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            Page<StoredRequest> p = store.list(listing, cursor, pageSize);
            for (StoredRequest r : p.items()) {
                if (!seen.add(r.id())) {
                    return new Paged(ids, "request " + r.id() + " was listed twice");
                }
                ids.add(r.id());
            }
            if (p.items().size() > pageSize) {
                return new Paged(ids, "a page of at most " + pageSize + " held " + p.items().size());
            }
            cursor = p.next();
            if (cursor == null) {
                return new Paged(ids, null);
            }
        }
        return new Paged(ids, "the listing did not end within " + MAX_PAGES + " pages");
    }

    record Paged(List<String> ids, String problem) {
        /** The ids of {@code ours}, in the order the listing gave them. */
        List<String> only(List<String> ours) {
            return ids.stream().filter(ours::contains).toList();
        }
    }

    /** The outbox (or the dead letters) entries of these requests, in the order the store gave them. */
    List<OutboxEntry> entries(boolean dead, List<String> requestIds) {
        List<OutboxEntry> all = dead ? store.deadLetters(PAGE * 10) : store.outbox(PAGE * 10);
        return all.stream().filter(e -> requestIds.contains(e.event().requestId())).toList();
    }

    static List<String> eventIds(List<OutboxEntry> entries) {
        return entries.stream().map(e -> e.event().id()).toList();
    }

    static List<String> eventIdsOf(List<Event> events) {
        return events.stream().map(Event::id).toList();
    }
}
