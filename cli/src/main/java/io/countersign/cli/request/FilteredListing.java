package io.countersign.cli.request;

import io.countersign.engine.store.Listing;
import io.countersign.engine.store.Page;
import io.countersign.engine.store.Store;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code list} with filters that combine ({@code --status pending --profile prod-admin}). The store
 * serves each listing from one index; the narrowest one named is read (the inbox, then a requester, then
 * a profile, then a status) and its requests are kept when they match the other filters. Nothing scans
 * the table: the cost is the index entries read, at most {@link #MAX_READS} pages of the index per page
 * shown, so a page may hold fewer than {@code --limit} requests and still say where the next begins.
 *
 * @param requester keep only this requester's requests, or null
 * @param profile keep only requests for this profile, or null
 * @param status keep only requests in this status, or null
 */
record FilteredListing(Listing index, String requester, String profile, RequestStatus status) {

    /** Pages of the index read for one page shown: a bound on the cost of a rare filter. */
    static final int MAX_READS = 10;

    /** The listing for these filters: the narrowest index, and the rest as filters. */
    static FilteredListing of(List<String> inbox, String requester, String profile, RequestStatus status) {
        if (inbox != null) {
            return new FilteredListing(new Listing.Inbox(inbox), requester, profile, status);
        }
        if (requester != null) {
            return new FilteredListing(new Listing.ByRequester(requester), null, profile, status);
        }
        if (profile != null) {
            return new FilteredListing(new Listing.ByProfile(profile), null, null, status);
        }
        return new FilteredListing(new Listing.ByStatus(status), null, null, null);
    }

    boolean filters() {
        return requester != null || profile != null || status != null;
    }

    boolean keeps(StoredRequest r) {
        return (requester == null || requester.equals(r.requester())) && (profile == null || profile.equals(r.profile()))
                && (status == null || status == r.status());
    }

    /**
     * One page of at most {@code limit} matching requests, newest first. Each read asks the index for
     * no more than the page still lacks, so the cursor of the last read is exactly where the next page begins.
     */
    Page<StoredRequest> page(Store store, String cursor, int limit) {
        if (!filters()) {
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
