package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.countersign.engine.store.Listing;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.workflow.Terms;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A flood of pending requests: listed whole, newest first, once each, page after page. */
public abstract class StatusIndexContract extends WorkflowContract {

    protected static final int REQUESTS = 1000;

    /**
     * Called with the thousand pending requests once they are stored and listed in full: a store
     * module's subclass checks there what only it can see (DynamoDB: every shard of the status index
     * holds its part of the flood, no hot key). Nothing by default.
     */
    protected void afterFlood(List<StoredRequest> pending) {
    }

    @Test
    void aThousandPendingRequestsAreEachListedOnceNewestFirst() throws Exception {
        List<StoredRequest> made = Collections.synchronizedList(new ArrayList<>());
        String[] requesters = {"frank", "bob", "erin", "dave", "grace"};
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int first = t;
                work.add(pool.submit(() -> {
                    for (int i = first; i < REQUESTS; i += 4) {
                        // Some requests share an instant: the listing must still order them, and page through them.
                        if (i % 4 == 0) {
                            clock.advance(Duration.ofMillis(1));
                        }
                        made.add(wf.submit(ask(requesters[i % requesters.length], "prod-sandbox").build()));
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(REQUESTS, made.size());
        List<String> newestFirst = ListingContract.expected(made);

        for (int limit : new int[] {100, 37}) {
            assertEquals(newestFirst, ListingContract.readAll(wf, new Listing.ByStatus(RequestStatus.PENDING), limit),
                    "limit " + limit);
        }

        afterFlood(made);

        // Requests that leave pending leave its listing, and appear in their new one, in order.
        List<StoredRequest> approved = new ArrayList<>();
        List<StoredRequest> still = new ArrayList<>();
        for (int i = 0; i < made.size(); i++) {
            StoredRequest r = made.get(i);
            if (i % 40 == 0 && !r.requester().equals("erin")) {
                approved.add(wf.approve(r.id(), "erin", Terms.NONE));
            } else {
                still.add(r);
            }
        }
        assertEquals(ListingContract.expected(still),
                ListingContract.readAll(wf, new Listing.ByStatus(RequestStatus.PENDING), 250));
        assertEquals(ListingContract.expected(approved),
                ListingContract.readAll(wf, new Listing.ByStatus(RequestStatus.APPROVED), 7));
    }

    @Test
    void shardsCutShortByTheResponseSizeLimitLeaveNoGap() {
        // DynamoDB returns at most 1 MB per query: with requests this large a shard's page ends after a
        // few dozen, while other shards answer with older ones. Merging past the shortest must not skip.
        // About 35 KB each, as large as a request may be kept (StoredSize): its longest justification and
        // a context near its bound.
        String reason = "Capacity planning for the quarter: " + "x".repeat(4_000);
        java.util.Map<String, Object> context = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 7; i++) {
            context.put("note-" + i, "y".repeat(4_400));
        }
        List<StoredRequest> made = new ArrayList<>();
        // 11 MB over the 8 status shards, 1.4 MB a shard on average: most hold more than one page.
        for (int i = 0; i < 320; i++) {
            clock.advance(Duration.ofMillis(1));
            made.add(wf.submit(ask("frank", "prod-sandbox").justification(reason).context(context).build()));
        }
        List<String> newestFirst = ListingContract.expected(made);
        for (int limit : new int[] {1000, 200}) {
            assertEquals(newestFirst, ListingContract.readAll(wf, new Listing.ByStatus(RequestStatus.PENDING), limit),
                    "limit " + limit);
        }
        assertEquals(newestFirst, ListingContract.readAll(wf, new Listing.ByRequester("frank"), 1000));
    }
}
