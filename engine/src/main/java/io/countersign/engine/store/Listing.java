package io.countersign.engine.store;

import io.countersign.engine.model.RequestStatus;
import java.util.List;

/** Which requests to list; every listing is newest first and served by an index, never a scan. */
public sealed interface Listing {

    record ByRequester(String requester) implements Listing {
    }

    record ByProfile(String profile) implements Listing {
    }

    record ByStatus(RequestStatus status) implements Listing {
    }

    /**
     * Pending requests whose open stage one of {@code principals} may approve ({@code user:ID},
     * {@code group:NAME}): an approver's inbox.
     */
    record Inbox(List<String> principals) implements Listing {
        public Inbox {
            principals = List.copyOf(principals);
        }
    }
}
