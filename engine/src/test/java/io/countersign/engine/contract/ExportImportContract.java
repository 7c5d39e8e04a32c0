package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.audit.AuditTrail;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.event.EventType;
import io.countersign.engine.json.Json;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.notify.Dispatcher;
import io.countersign.engine.notify.Notifier;
import io.countersign.engine.store.Archive;
import io.countersign.engine.store.ConflictException;
import io.countersign.engine.store.History;
import io.countersign.engine.store.Listing;
import io.countersign.engine.store.OutboxEntry;
import io.countersign.engine.store.Page;
import io.countersign.engine.store.Store;
import io.countersign.engine.transfer.BadExportException;
import io.countersign.engine.transfer.ExportCounts;
import io.countersign.engine.transfer.ExportWriter;
import io.countersign.engine.transfer.Importer;
import io.countersign.engine.workflow.Actor;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Workflow;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Moving a whole store to another ({@code store export}, {@code store import}): every request's
 * record, exactly as stored, read back the same from the other store, where every chain still
 * verifies and every listing, inbox, access check and outbox answers as before; an import run again
 * changes nothing, one cut short can be finished, and a different history under an id in use is refused.
 */
public abstract class ExportImportContract extends WorkflowContract {

    /** The store imported into: of the same kind as the one under test, fresh and empty. */
    Store target;
    /** The requests of the source store, as made by {@link #aStoreWithEveryKindOfRequest}. */
    List<String> ids;

    @BeforeEach
    void aStoreWithEveryKindOfRequest() {
        target = targetFixture().open();
        ids = new ArrayList<>();
        // Ended by the sweep: an expired request and a grant whose window closed.
        StoredRequest ledger = wf.submit(ask("frank", "fin-ledger").build());
        StoredRequest readonly = wf.submit(ask("alice", "prod-readonly").build());
        clock.advance(Duration.ofHours(9));
        wf.sweep();
        ids.add(ledger.id());
        ids.add(readonly.id());
        ids.add(approvedAdmin().id());                                              // approved
        ids.add(adminRequest().id());                                               // pending, in the leads' inbox
        ids.add(wf.submit(ask("carol", "prod-admin").build()).id());                // denied by policy
        StoredRequest appealed = wf.submit(ask("carol", "prod-admin").build());
        ids.add(wf.escalate(appealed.id(), Actor.of("carol"), "please hear me").id());        // an appeal, at dave's
        StoredRequest cancelled = adminRequest();
        ids.add(wf.cancel(cancelled.id(), "frank").id());                           // cancelled
        StoredRequest delegated = adminRequest();
        wf.delegate(delegated.id(), Actor.of("alice"), "dave");
        ids.add(wf.approve(delegated.id(), "dave", Terms.because("for alice")).id()); // a delegate's approval
        StoredRequest staged = wf.submit(ask("frank", "fin-ledger").build());
        ids.add(wf.approve(staged.id(), "bob", Terms.NONE).id());                   // stage 2 of 3 open
        StoredRequest revoked = approvedAdmin();
        ids.add(wf.revoke(revoked.id(), Actor.of("frank"), "done early").id());               // revoked
        ids.add(wf.submit(ask("frank", "prod-data").permissions("read").build()).id()); // at his manager's

        // The outbox in every state: delivered, delivered to one notifier of two and due again later,
        // and given up on.
        List<OutboxEntry> owed = store.outbox(100);
        assertTrue(owed.size() > 3, owed.toString());
        store.delivery(new OutboxEntry(owed.get(0).event(), Set.of("webhook", "sns"), 1, null, null), true, false);
        store.delivery(new OutboxEntry(owed.get(1).event(), Set.of("webhook"), 2, clock.instant().plusSeconds(300),
                "sns: 503 Service Unavailable"), false, false);
        store.delivery(new OutboxEntry(owed.get(2).event(), Set.of(), 8, null, "webhook: 410 Gone"), false, true);
        assertEquals(List.of(), new AuditTrail(store).verifyAll());
    }

    @AfterEach
    void dropTarget() {
        targetFixture().drop(target);
    }

    /**
     * Where the records move to: a store of the same kind by default; a subclass names another kind to
     * show that a history moves between stores (SQLite to DynamoDB and back).
     */
    protected StoreFixture targetFixture() {
        return fixture();
    }

    String export(Store from) throws IOException {
        StringWriter out = new StringWriter();
        ExportCounts counts = ExportWriter.exportAll(from, out, clock.instant());
        assertEquals(counts(from), counts, "the end line counts what the store holds");
        return out.toString();
    }

    static Importer.Result importInto(Store to, String export) throws IOException, BadExportException {
        return Importer.run(to, in(export), (archive, written) -> { });
    }

    static ByteArrayInputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Requests, decisions and events, counted through the store's API. */
    ExportCounts counts(Store s) {
        ExportCounts c = ExportCounts.NONE;
        for (String id : allIds(s, 1000)) {
            History h = s.history(id).orElseThrow();
            c = c.plus(h.decisions().size(), h.events().size());
        }
        return c;
    }

    static List<String> allIds(Store s, int limit) {
        List<String> out = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<String> page = s.requestIds(cursor, limit);
            assertTrue(page.items().size() <= limit, "a page of at most the limit");
            assertTrue(page.next() == null || !page.items().isEmpty(), "an empty page before the end");
            out.addAll(page.items());
            cursor = page.next();
            assertTrue(++pages < 10_000, "the cursors never end");
        } while (cursor != null);
        assertEquals(out.size(), new HashSet<>(out).size(), "no request twice: " + out);
        return out;
    }

    /** The lines of an export but its first (which names the instant it was made), in an order of their own. */
    static Set<String> records(String export) {
        List<String> lines = export.lines().toList();
        return new TreeSet<>(lines.subList(1, lines.size()));
    }

    /** Both stores hold the same records and answer every question alike. */
    void assertSameStore(Store a, Store b) {
        assertEquals(new TreeSet<>(allIds(a, 1000)), new TreeSet<>(allIds(b, 1000)));
        for (String id : allIds(a, 1000)) {
            Archive x = a.archive(id).orElseThrow();
            Archive y = b.archive(id).orElseThrow(() -> new AssertionError(id + " is missing"));
            assertTrue(x.history().sameAs(y.history()), id + ": " + x.history() + "\n" + y.history());
            assertEquals(Json.mapper().valueToTree(x.history()), Json.mapper().valueToTree(y.history()), id);
            assertEquals(new HashSet<>(x.deliveries()), new HashSet<>(y.deliveries()), id);
        }
        Workflow other = TestPolicies.workflow(b, clock);
        for (Listing listing : List.of(new Listing.ByRequester("frank"), new Listing.ByRequester("carol"),
                new Listing.ByProfile("prod-admin"), new Listing.ByProfile("fin-ledger"),
                new Listing.Inbox(wf.principalsOf("erin")), new Listing.Inbox(wf.principalsOf("dave")),
                new Listing.Inbox(wf.principalsOf("grace")))) {
            assertEquals(ListingContract.readAll(wf, listing, 3), ListingContract.readAll(other, listing, 3),
                    listing.toString());
        }
        for (RequestStatus s : RequestStatus.values()) {
            Listing listing = new Listing.ByStatus(s);
            assertEquals(ListingContract.readAll(wf, listing, 2), ListingContract.readAll(other, listing, 2), s.toString());
        }
        for (String profile : List.of("prod-admin", "prod-readonly", "prod-data", "fin-ledger")) {
            assertEquals(wf.checkAccess("frank", profile, List.of(), clock.instant()),
                    other.checkAccess("frank", profile, List.of(), clock.instant()), profile);
        }
        assertEquals(eventIds(a.outbox(100)), eventIds(b.outbox(100)), "the outbox");
        assertEquals(a.outbox(100), b.outbox(100), "the outbox's delivery state");
        assertEquals(a.deadLetters(100), b.deadLetters(100), "the dead letters");
    }

    static List<String> eventIds(List<OutboxEntry> entries) {
        return entries.stream().map(e -> e.event().id()).toList();
    }

    @Test
    void everyRequestIsListedOncePageAfterPage() {
        assertEquals(new TreeSet<>(ids), new TreeSet<>(allIds(store, 1000)));
        for (int limit : new int[] {1, 3, 7}) {
            assertEquals(new TreeSet<>(ids), new TreeSet<>(allIds(store, limit)), "limit " + limit);
        }
        assertTrue(allIds(target, 10).isEmpty());
        Page<String> first = store.requestIds(null, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.requestIds("not a cursor!", 10));
        assertTrue(e.getMessage().contains("cursor"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> store.requestIds(first.next() + "%%", 10));
        assertThrows(IllegalArgumentException.class, () -> store.requestIds(null, 0));
        assertThrows(IllegalArgumentException.class, () -> store.requestIds(null, 1001));
        assertTrue(store.archive("no-such-request").isEmpty());
    }

    @Test
    void anExportImportedIntoAnotherStoreReadsBackTheSameAndVerifies() throws Exception {
        String export = export(store);
        assertEquals(counts(store), Importer.check(in(export)), "the check reads what the export holds");
        assertTrue(allIds(target, 10).isEmpty(), "checking writes nothing");

        Importer.Result result = importInto(target, export);
        assertTrue(result.verified(), result.toString());
        assertEquals(ids.size(), result.written());
        assertEquals(0, result.unchanged());
        assertEquals(counts(store), result.counts());
        assertEquals(counts(store), counts(target), "the counts match");
        assertEquals(List.of(), new AuditTrail(target).verifyAll(), "every chain verifies in the other store");
        assertSameStore(store, target);
        // Exactly as stored: exported again from where it landed, it is the same export, line for line.
        assertEquals(records(export), records(export(target)));

        // The copy lives on: its workflow acts on what was imported as on what it wrote itself.
        Workflow other = TestPolicies.workflow(target, clock);
        String pending = ids.get(3);
        other.approve(pending, "alice", Terms.because("imported and approved"));
        assertEquals(RequestStatus.APPROVED, other.approve(pending, "bob", Terms.because("agreed")).status());
        assertTrue(other.checkAccess("frank", "prod-admin", List.of(), clock.instant()).allowed());
        assertEquals(List.of(), new AuditTrail(target).verify(pending));
    }

    /**
     * The dispatcher's record travels with the history: events delivered to webhook and slack read back
     * in the other store with every decision's {@code notificationsSent} as before, and the other
     * store's dispatcher sends none of them again — it sends exactly what the first would still send.
     */
    @Test
    void whatWasDeliveredMovesWithItsRecordAndIsNotSentAgain() throws Exception {
        List<String> sent = new ArrayList<>();
        new Dispatcher(store, List.of(recorder("webhook", sent), recorder("slack", sent)), clock,
                Dispatcher.MAX_ATTEMPTS).drain(20);
        String approved = ids.get(2);
        assertTrue(sent.stream().anyMatch(s -> s.startsWith("slack " + approved)), sent.toString());
        Map<String, Map<Long, Set<String>>> deliveredTo = new TreeMap<>();
        Map<String, Object> readout = new TreeMap<>();
        for (String id : ids) {
            deliveredTo.put(id, store.deliveredTo(id));
            readout.put(id, Json.mapper().valueToTree(wf.readout(id).decisions()));
        }
        String notified = wf.readout(approved).decisions().stream()
                .map(io.countersign.engine.decision.ApprovalDecision::notificationsSent)
                .filter(java.util.Objects::nonNull).findFirst().orElseThrow();
        assertTrue(notified.contains("\"type\":\"slack\"") && notified.contains("\"type\":\"webhook\""), notified);

        Importer.Result result = importInto(target, export(store));
        assertTrue(result.verified(), result.toString());
        Workflow other = TestPolicies.workflow(target, clock);
        for (String id : ids) {
            assertEquals(deliveredTo.get(id), target.deliveredTo(id), "the delivery record of " + id);
            assertEquals(readout.get(id), Json.mapper().valueToTree(other.readout(id).decisions()),
                    "the decisions of " + id + " as read, notificationsSent and all");
        }
        assertSameStore(store, target);

        // Once the backoff has passed, both dispatchers send the same: what was still owed, nothing twice.
        clock.advance(Duration.ofMinutes(10));
        List<String> there = new ArrayList<>();
        new Dispatcher(target, List.of(recorder("webhook", there), recorder("slack", there)), clock,
                Dispatcher.MAX_ATTEMPTS).drain(20);
        List<String> here = new ArrayList<>();
        new Dispatcher(store, List.of(recorder("webhook", here), recorder("slack", here)), clock,
                Dispatcher.MAX_ATTEMPTS).drain(20);
        assertFalse(here.isEmpty(), "the event backing off is due now");
        assertEquals(new TreeSet<>(here), new TreeSet<>(there));
        Set<String> twice = new TreeSet<>(there);
        twice.retainAll(sent);
        assertEquals(Set.of(), twice, "delivered again after the move");
    }

    /** A notifier named {@code name} that takes every event, writing "name requestId eventId" down. */
    static Notifier recorder(String name, List<String> log) {
        return new Notifier() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void deliver(Event event) {
                synchronized (log) {
                    log.add(name + " " + event.requestId() + " " + event.id());
                }
            }
        };
    }

    @Test
    void importingTheSameExportAgainChangesNothing() throws Exception {
        String export = export(store);
        importInto(target, export);
        Importer.Result again = importInto(target, export);
        assertTrue(again.verified(), again.toString());
        assertEquals(0, again.written());
        assertEquals(ids.size(), again.unchanged());
        assertSameStore(store, target);

        // The copy's outbox moves on by itself: that is no difference between the histories.
        OutboxEntry owed = target.outbox(1).get(0);
        target.delivery(new OutboxEntry(owed.event(), Set.of("webhook", "sns"), 3, null, null), true, false);
        Importer.Result later = importInto(target, export);
        assertEquals(ids.size(), later.unchanged());
        assertTrue(later.verified(), later.toString());
        for (String id : ids) {
            assertFalse(target.restore(store.archive(id).orElseThrow()), id);
        }
    }

    @Test
    void anImportCutShortIsFinishedByRunningItAgain() throws Exception {
        String export = export(store);
        List<String> lines = export.lines().toList();
        // Cut inside a request's records: the requests before it are whole, it and those after are absent.
        int cut = lines.size() / 2;
        while (!lines.get(cut).contains("\"kind\":\"event\"")) {
            cut++;
        }
        String half = String.join("\n", lines.subList(0, cut)) + "\n";
        BadExportException checked = assertThrows(BadExportException.class, () -> Importer.check(in(half)));
        assertTrue(checked.getMessage().contains("cut short"), checked.getMessage());
        assertEquals(cut + 1, checked.line());

        BadExportException stopped = assertThrows(BadExportException.class, () -> importInto(target, half));
        assertTrue(stopped.getMessage().contains("cut short"), stopped.getMessage());
        List<String> landed = allIds(target, 1000);
        assertTrue(!landed.isEmpty() && landed.size() < ids.size(), landed.toString());
        for (String id : landed) {
            assertTrue(target.history(id).orElseThrow().sameAs(store.history(id).orElseThrow()), "whole: " + id);
        }

        Importer.Result finished = importInto(target, export);
        assertTrue(finished.verified(), finished.toString());
        assertEquals(landed.size(), finished.unchanged());
        assertEquals(ids.size() - landed.size(), finished.written());
        assertSameStore(store, target);
    }

    @Test
    void aDifferentHistoryUnderAnIdInUseIsRefusedNamingTheRequest() throws Exception {
        String pending = ids.get(3);
        // The target holds a request of its own under that id.
        TestPolicies.workflow(target, clock).submit(ask("frank", "prod-admin").id(pending)
                .justification("Another request that happens to have the same id").build());
        History theirs = target.history(pending).orElseThrow();
        ConflictException e = assertThrows(ConflictException.class, () -> importInto(target, export(store)));
        assertTrue(e.getMessage().contains(pending), e.getMessage());
        assertTrue(target.history(pending).orElseThrow().sameAs(theirs), "the target's own request is untouched");
        assertEquals(Json.mapper().valueToTree(theirs), Json.mapper().valueToTree(target.history(pending).orElseThrow()));

        // The source's own request, one decision changed: not the history it holds either.
        Archive mine = store.archive(ids.get(2)).orElseThrow();
        History h = mine.history();
        List<io.countersign.engine.decision.ApprovalDecision> edited = new ArrayList<>(h.decisions());
        ObjectNode d = Json.mapper().valueToTree(edited.get(0));
        d.put("rationale", "approved by the CEO");
        edited.set(0, Json.mapper().treeToValue(d, io.countersign.engine.decision.ApprovalDecision.class));
        Archive forged = new Archive(new History(h.request(), edited, h.events()), mine.deliveries());
        ConflictException again = assertThrows(ConflictException.class, () -> store.restore(forged));
        assertTrue(again.getMessage().contains(ids.get(2)), again.getMessage());
        assertTrue(store.history(ids.get(2)).orElseThrow().sameAs(h));
    }

    @Test
    void aHistoryTooLongForOneTransactionIsRestoredWhole() {
        // 150 more events than the workflow would write in a day: longer than a DynamoDB transaction holds.
        History h = store.history(ids.get(2)).orElseThrow();
        List<Event> events = new ArrayList<>(h.events());
        Event last = events.get(events.size() - 1);
        for (int i = 0; i < 150; i++) {
            clock.advance(Duration.ofMinutes(1));
            last = EventChain.seal(new Event("review-" + i, EventType.REVIEW_DUE, clock.instant(), Workflow.SWEEP,
                    last.requestId(), last.sequence() + 1, last.data(), last.hash(), null));
            events.add(last);
        }
        ObjectNode head = Json.mapper().valueToTree(h.request());
        head.put("eventSequence", last.sequence()).put("eventHash", last.hash());
        StoredRequest request = Json.mapper().convertValue(head, StoredRequest.class);
        Archive longer = new Archive(new History(request, h.decisions(), events),
                List.of(new Archive.Delivery(last.id(), Set.of(), 0, null, null, false)));

        assertTrue(target.restore(longer));
        Archive back = target.archive(request.id()).orElseThrow();
        assertTrue(back.history().sameAs(longer.history()));
        assertEquals(longer.deliveries(), back.deliveries());
        assertEquals(List.of(), new AuditTrail(target).verify(request.id()));
        assertEquals(List.of(last.id()), eventIds(target.outbox(10)));
        assertFalse(target.restore(longer), "and once is enough");
    }

    @Test
    void aTamperedHistoryIsMovedAsItIsAndAuditedTheSame() throws Exception {
        String id = ids.get(2);
        // Someone with write access swapped two events and edited a decision.
        var events = raw.events(id);
        raw.writeEvent(id, 2, events.get(3L));
        raw.writeEvent(id, 3, events.get(2L));
        ObjectNode decision = raw.decisions(id).get(0);
        decision.put("rationale", "approved by the CEO");
        raw.writeDecision(id, decision);
        List<AuditTrail.Finding> there = new AuditTrail(store).verify(id);
        assertFalse(there.isEmpty());

        Importer.Result result = importInto(target, export(store));
        // Neither healed nor hidden: the copy shows the same breakage where the original does.
        assertEquals(List.of(there.get(0)), result.broken());
        assertEquals(there, new AuditTrail(target).verify(id));
        assertTrue(result.differing().isEmpty(), result.toString());
        assertNotEquals(List.of(), new AuditTrail(target).verifyAll());
    }
}
