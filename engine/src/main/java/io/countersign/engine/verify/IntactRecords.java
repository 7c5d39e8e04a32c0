package io.countersign.engine.verify;

import io.countersign.engine.event.Event;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.store.History;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records found intact, by request id, for {@link Evidence#remembering}: bounded (cleared when full, so
 * a busy gateway cannot grow it without end) and safe to share between threads.
 */
final class IntactRecords {

    private static final int MAX = 10_000;

    private final Map<String, Intact> intact = new ConcurrentHashMap<>();

    /** The record as found intact before, when this is still it; null when it must be checked in full. */
    Intact known(History h) {
        StoredRequest r = h.request();
        Intact k = intact.get(r.id());
        List<Event> events = h.events();
        // The whole item as it was found intact, not only its seal and head: an item edited behind a seal
        // it kept is checked in full again (and its seal found wrong).
        if (k == null || r.seal() == null || !r.seal().equals(k.seal()) || !r.equals(k.item())
                || !Objects.equals(r.eventHash(), k.head())
                || events.size() != k.sequence() || events.isEmpty()
                || !Objects.equals(events.get(events.size() - 1).hash(), k.head())) {
            return null;
        }
        return k;
    }

    void remember(Intact checked) {
        if (intact.size() >= MAX) {
            intact.clear();
        }
        intact.put(checked.item().id(), checked);
    }
}
