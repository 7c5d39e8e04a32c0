package io.countersign.engine.store.check;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.event.EventType;
import io.countersign.engine.store.Listing;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The checks of what reads an index: listings and their cursors, the status listing, the inbox, the access check. */
final class ReadChecks {

    private final Context c;
    private final CheckRecords records;

    ReadChecks(Context c) {
        this.c = c;
        this.records = c.records();
    }

    /**
     * A requester's listing and a profile's, paged two and three at a time: every request once, newest
     * first, the last page without a cursor.
     */
    String listings() {
        String requester = records.requester("list");
        List<String> made = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            made.add(c.create(records.pending(records.id("list", i), requester, List.of(records.principal("list")))).id());
        }
        Collections.reverse(made);
        String problem = c.eventually().apply(() -> newestFirst(new Listing.ByRequester(requester), 2, made, made));
        if (problem != null) {
            return problem;
        }
        List<String> ofProfile = new ArrayList<>(records.made());
        Collections.reverse(ofProfile);
        return c.eventually().apply(() -> newestFirst(new Listing.ByProfile(records.profile()), 3, ofProfile, ofProfile));
    }

    /** Among {@code ours}, the listing holds exactly {@code expected}, in that order. */
    private String newestFirst(Listing listing, int pageSize, List<String> ours, List<String> expected) {
        Context.Paged p = c.all(listing, pageSize);
        if (p.problem() != null) {
            return describe(listing) + ": " + p.problem();
        }
        List<String> got = p.only(ours);
        return got.equals(expected) ? null
                : describe(listing) + " in pages of " + pageSize + " gave " + got + ", expected newest first " + expected;
    }

    /** A pending request is in the pending listing; cancelled, it leaves it for the cancelled listing. */
    String statusListing() {
        String id = records.id("status", 1);
        StoredRequest r = c.create(records.pending(id, records.requester("status"), List.of(records.principal("status"))));
        List<String> ours = List.of(id);
        String problem = c.eventually().apply(() -> newestFirst(new Listing.ByStatus(RequestStatus.PENDING), Context.PAGE,
                ours, ours));
        if (problem != null) {
            return problem;
        }
        c.transition(r, records.cancelled(r));
        problem = c.eventually().apply(() -> newestFirst(new Listing.ByStatus(RequestStatus.PENDING), Context.PAGE,
                ours, List.of()));
        return problem != null ? problem : c.eventually().apply(() ->
                newestFirst(new Listing.ByStatus(RequestStatus.CANCELLED), Context.PAGE, ours, ours));
    }

    /**
     * An approver's inbox holds the pending requests whose open stage names one of their principals,
     * each once however many it names, gains the request when the stage escalates to them, and loses it
     * once the request ends.
     */
    String inbox() {
        String p1 = records.principal("inbox-1");
        String p2 = records.principal("inbox-2");
        String p3 = records.principal("inbox-3");
        String id = records.id("inbox", 1);
        StoredRequest r = c.create(records.pending(id, records.requester("inbox"), List.of(p1, p2), List.of(p3)));
        List<String> ours = List.of(id);
        String problem = c.eventually().apply(() -> first(
                newestFirst(new Listing.Inbox(List.of(p1)), 10, ours, ours),
                newestFirst(new Listing.Inbox(List.of(p1, p2)), 10, ours, ours),
                newestFirst(new Listing.Inbox(List.of(p3)), 10, ours, List.of())));
        if (problem != null) {
            return problem;
        }
        // the stage escalates: p3 may approve as well
        StoredRequest moved = c.transition(r, records.next(r, EventType.REQUEST_ESCALATED, null,
                n -> ((ObjectNode) n.get("stages").get(0)).putArray("escalatedTo").add(p3)));
        problem = c.eventually().apply(() -> first(
                newestFirst(new Listing.Inbox(List.of(p1, p2)), 10, ours, ours),
                newestFirst(new Listing.Inbox(List.of(p3)), 10, ours, ours)));
        if (problem != null) {
            return problem;
        }
        c.transition(moved, records.cancelled(moved));
        return c.eventually().apply(() -> first(
                newestFirst(new Listing.Inbox(List.of(p3)), 10, ours, List.of()),
                newestFirst(new Listing.Inbox(List.of(p1, p2)), 10, ours, List.of())));
    }

    /**
     * The access check's query: a requester's pending and approved requests for a profile whose deadline
     * is after the instant asked about — not those that end before it, not finished ones, not another
     * requester's.
     */
    String access() {
        String requester = records.requester("access");
        List<String> approver = List.of(records.principal("access"));
        StoredRequest pending = c.create(records.pending(records.id("access", 1), requester, approver));
        StoredRequest longer = c.create(records.pending(records.id("access", 2), requester, approver));
        longer = c.transition(longer, records.approved(longer, records.fromNow(Duration.ofHours(2))));
        StoredRequest shorter = c.create(records.pending(records.id("access", 3), requester, approver));
        shorter = c.transition(shorter, records.approved(shorter, records.fromNow(Duration.ofMinutes(30))));
        StoredRequest ended = c.create(records.pending(records.id("access", 4), requester, approver));
        c.transition(ended, records.cancelled(ended));
        Instant inAnHour = records.fromNow(Duration.ofHours(1));
        Instant inThreeHours = records.fromNow(Duration.ofHours(3));
        Set<String> hour = ids(pending, longer);
        Set<String> later = ids(pending);
        return c.eventually().apply(() -> first(
                open(requester, inAnHour, hour),
                open(requester, inThreeHours, later),
                open(records.requester("access-nobody"), inAnHour, Set.of())));
    }

    private String open(String requester, Instant after, Set<String> expected) {
        Set<String> got = new TreeSet<>(CheckRecords.ids(c.store().open(requester, records.profile(), after)));
        return got.equals(expected) ? null
                : "the access check's query for " + requester + " after " + after + " gave " + got + ", expected " + expected;
    }

    private static Set<String> ids(StoredRequest... requests) {
        Set<String> out = new TreeSet<>();
        for (StoredRequest r : requests) {
            out.add(r.id());
        }
        return out;
    }

    /** The first problem of several, or null. */
    static String first(String... problems) {
        for (String p : problems) {
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static String describe(Listing listing) {
        return "the listing " + listing;
    }
}
