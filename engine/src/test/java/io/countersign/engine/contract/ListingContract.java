package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.store.Listing;
import io.countersign.engine.store.Page;
import io.countersign.engine.workflow.Actor;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Workflow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Listings: newest first, page by page, through cursors that neither skip nor repeat. */
public abstract class ListingContract extends WorkflowContract {

    /** Newest first; requests created in the same instant in a fixed order (their ids). */
    static final Comparator<StoredRequest> NEWEST_FIRST = Comparator.comparing(StoredRequest::createdAt)
            .thenComparing(StoredRequest::id).reversed();

    /** Reads every page of a listing, checking each page's size, and returns the ids in listing order. */
    static List<String> readAll(Workflow wf, Listing listing, int limit) {
        List<String> out = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<StoredRequest> page = cursor == null ? wf.list(listing, limit) : wf.list(listing, cursor, limit);
            assertTrue(page.items().size() <= limit);
            // A page may come back short (DynamoDB answers at most 1 MB a query), never empty with more to come.
            assertTrue(page.next() == null || !page.items().isEmpty(), "an empty page before the end");
            page.items().forEach(r -> out.add(r.id()));
            cursor = page.next();
            assertTrue(++pages < 10_000, "the cursors never end");
        } while (cursor != null);
        assertEquals(out.size(), new HashSet<>(out).size(), "no request twice: " + out);
        return out;
    }

    static List<String> expected(List<StoredRequest> requests) {
        return ids(requests.stream().sorted(NEWEST_FIRST).toList());
    }

    /** Requests created over time, several of them in the same instant. */
    List<StoredRequest> submitMany(String requester, String profile, int n) {
        List<StoredRequest> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i % 3 != 0) {
                clock.advance(Duration.ofMillis(1 + i % 5));
            }
            out.add(wf.submit(ask(requester, profile).build()));
        }
        return out;
    }

    @Test
    void byRequesterNewestFirstAcrossPages() {
        List<StoredRequest> franks = new ArrayList<>(submitMany("frank", "prod-sandbox", 23));
        franks.addAll(submitMany("frank", "prod-admin", 4));
        List<StoredRequest> bobs = submitMany("bob", "prod-sandbox", 5);

        for (int limit : new int[] {1, 4, 7, 27, 100}) {
            assertEquals(expected(franks), readAll(wf, new Listing.ByRequester("frank"), limit), "limit " + limit);
        }
        assertEquals(expected(bobs), readAll(wf, new Listing.ByRequester("bob"), 3));
        assertTrue(readAll(wf, new Listing.ByRequester("nobody"), 5).isEmpty());
        Page<StoredRequest> exact = wf.list(new Listing.ByRequester("bob"), 5);
        assertEquals(5, exact.items().size());
        assertNull(exact.next(), "a listing that fits its page has no next page");
    }

    @Test
    void aCursorKeepsItsPlaceWhileNewRequestsArriveAndOldOnesChange() {
        List<StoredRequest> before = submitMany("frank", "prod-sandbox", 20);
        List<String> all = expected(before);
        Page<StoredRequest> first = wf.list(new Listing.ByRequester("frank"), 6);
        assertEquals(all.subList(0, 6), ids(first.items()));

        // The same cursor gives the same page again.
        Page<StoredRequest> second = wf.list(new Listing.ByRequester("frank"), first.next(), 6);
        assertEquals(all.subList(6, 12), ids(second.items()));
        assertEquals(ids(second.items()), ids(wf.list(new Listing.ByRequester("frank"), first.next(), 6).items()));

        // Newer requests and transitions of listed ones shift nothing behind the cursor.
        clock.advance(Duration.ofSeconds(1));
        submitMany("frank", "prod-sandbox", 5);
        wf.approve(all.get(8), "bob", Terms.NONE);
        wf.cancel(all.get(15), "frank");
        List<String> rest = new ArrayList<>();
        String cursor = first.next();
        while (cursor != null) {
            Page<StoredRequest> p = wf.list(new Listing.ByRequester("frank"), cursor, 6);
            rest.addAll(ids(p.items()));
            cursor = p.next();
        }
        assertEquals(all.subList(6, 20), rest);
        assertEquals(RequestStatus.APPROVED, wf.list(new Listing.ByRequester("frank"), first.next(), 6).items().get(2)
                .status(), "a page shows each request as it is now");
    }

    @Test
    void byProfileNewestFirstAcrossPages() {
        List<StoredRequest> sandbox = new ArrayList<>(submitMany("frank", "prod-sandbox", 9));
        sandbox.addAll(submitMany("bob", "prod-sandbox", 8));
        List<StoredRequest> admin = submitMany("frank", "prod-admin", 6);
        assertEquals(expected(sandbox), readAll(wf, new Listing.ByProfile("prod-sandbox"), 5));
        assertEquals(expected(admin), readAll(wf, new Listing.ByProfile("prod-admin"), 4));
    }

    @Test
    void byStatusMergesItsShardsIntoOneNewestFirstListing() {
        List<StoredRequest> made = new ArrayList<>(submitMany("frank", "prod-sandbox", 30));
        made.addAll(submitMany("bob", "prod-admin", 12));
        List<StoredRequest> approved = new ArrayList<>();
        List<StoredRequest> pending = new ArrayList<>();
        for (int i = 0; i < made.size(); i++) {
            if (i % 5 == 0 && made.get(i).profile().equals("prod-sandbox")) {
                approved.add(wf.approve(made.get(i).id(), "erin", Terms.NONE));
            } else {
                pending.add(made.get(i));
            }
        }
        List<StoredRequest> denied = submitMany("carol", "prod-admin", 7);

        for (int limit : new int[] {1, 6, 13, 50}) {
            assertEquals(expected(pending), readAll(wf, new Listing.ByStatus(RequestStatus.PENDING), limit),
                    "limit " + limit);
        }
        assertEquals(expected(approved), readAll(wf, new Listing.ByStatus(RequestStatus.APPROVED), 2));
        assertEquals(expected(denied), readAll(wf, new Listing.ByStatus(RequestStatus.DENIED), 3));
        assertTrue(readAll(wf, new Listing.ByStatus(RequestStatus.REVOKED), 3).isEmpty());
    }

    @Test
    void anInboxListsEachRequestOnceWhateverKeysItIsFiledUnder() {
        List<StoredRequest> davesOwn = new ArrayList<>();
        // Stage 3 of the ledger names dave and his group: filed under both of his keys.
        for (StoredRequest r : submitMany("frank", "fin-ledger", 7)) {
            wf.approve(r.id(), "bob", Terms.NONE);
            davesOwn.add(wf.approve(r.id(), "alice", Terms.NONE));
        }
        // frank's manager approves his data requests: filed under user:dave.
        davesOwn.addAll(submitMany("frank", "prod-data", 5));
        // An appeal heard by department heads: filed under group:department-heads.
        for (StoredRequest r : submitMany("carol", "prod-admin", 3)) {
            davesOwn.add(wf.escalate(r.id(), Actor.of("carol"), "please hear me"));
        }
        List<StoredRequest> leads = submitMany("frank", "prod-admin", 6);
        List<StoredRequest> waitingForStage2 = submitMany("frank", "fin-ledger", 2);

        Listing dave = new Listing.Inbox(wf.principalsOf("dave"));
        assertEquals(List.of("user:dave", "group:engineering", "group:department-heads"), wf.principalsOf("dave"));
        for (int limit : new int[] {1, 2, 5, 100}) {
            assertEquals(expected(davesOwn), readAll(wf, dave, limit), "limit " + limit);
        }
        List<StoredRequest> erins = new ArrayList<>(leads);
        erins.addAll(waitingForStage2);
        assertEquals(expected(erins), readAll(wf, new Listing.Inbox(wf.principalsOf("erin")), 4));
        assertEquals(expected(erins), readAll(wf, new Listing.Inbox(List.of("group:sre-leads")), 3));
        assertTrue(readAll(wf, new Listing.Inbox(List.of("user:nobody")), 4).isEmpty());
    }

    @Test
    void aCursorThisStoreDidNotGiveOutIsRefused() {
        submitMany("frank", "prod-sandbox", 3);
        Page<StoredRequest> p = wf.list(new Listing.ByRequester("frank"), 1);
        assertNotNull(p.next());
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("hello".getBytes(StandardCharsets.UTF_8));
        Set<String> bad = Set.of("not a cursor!", forged, "", p.next() + "%%");
        for (String cursor : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> wf.list(new Listing.ByRequester("frank"), cursor, 10), cursor);
            assertTrue(e.getMessage().contains("cursor"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> wf.list(new Listing.ByRequester("frank"), 0));
        assertThrows(IllegalArgumentException.class, () -> wf.list(new Listing.ByRequester("frank"), 1001));
    }
}
