package io.countersign.server.api;

import io.countersign.engine.store.Listing;
import io.countersign.engine.store.Page;
import io.countersign.engine.store.Store;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Filters that combine, read from the narrowest index (the inbox, a requester, a profile, a status) and
 * kept when they match the rest, at most {@link #MAX_READS} index pages per page answered; as the CLI's
 * {@code list} does.
 */
record RequestFilter(Listing index, String requester, String profile, RequestStatus status) {

    static final int MAX_READS = 10;

    static RequestFilter of(Listing inbox, String requester, String profile, RequestStatus status) {
        if (inbox != null) {
            return new RequestFilter(inbox, requester, profile, status);
        }
        if (requester != null) {
            return new RequestFilter(new Listing.ByRequester(requester), null, profile, status);
        }
        if (profile != null) {
            return new RequestFilter(new Listing.ByProfile(profile), null, null, status);
        }
        return new RequestFilter(new Listing.ByStatus(status), null, null, null);
    }

    private boolean keeps(StoredRequest r) {
        return (requester == null || requester.equals(r.requester())) && (profile == null || profile.equals(r.profile()))
                && (status == null || status == r.status());
    }

    Page<StoredRequest> page(Store store, String cursor, int limit) {
        if (requester == null && profile == null && status == null) {
            return store.list(index, cursor, limit);
        }
        List<StoredRequest> kept = new ArrayList<>();
        String next = cursor;
        for (int reads = 0; reads < MAX_READS && kept.size() < limit; reads++) {
            Page<StoredRequest> page = store.list(index, next, limit - kept.size());
            page.items().stream().filter(this::keeps).forEach(kept::add);
            next = page.next();
            if (next == null) {
                break;
            }
        }
        return new Page<>(kept, next);
    }
}
