package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.Countersign;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventType;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.model.TrackedFollowUp;
import io.countersign.engine.policy.PolicyDirectory;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.request.InvalidRequestException;
import io.countersign.engine.signing.PublicKeys;
import io.countersign.engine.store.Due;
import io.countersign.engine.store.Page;
import io.countersign.engine.workflow.Actor;
import io.countersign.engine.workflow.FollowUps;
import io.countersign.engine.workflow.Refusal;
import io.countersign.engine.workflow.RefusedException;
import io.countersign.engine.workflow.SweepReport;
import io.countersign.engine.workflow.Terms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Break-glass done right: the review and the follow-ups come due from the store's due index whether
 * the grant is still active or not; follow-ups are listed and marked done (by the requester or an
 * approver, with evidence, as a chained event); and a break-glass grant names everyone who could have
 * approved it.
 */
public abstract class BreakGlassContract extends WorkflowContract {

    static final String POLICY = """
            policy break-glass {
              scope profile matches "breakglass-*"
              default deny "Break-glass needs a declared incident"
              allow unsigned decisions
              rule oncall-incident {
                when has context.incident and requester in group "oncall"
                then approve
                  cap duration 1h
                  review after 2d
                  follow up "Add the session to the incident timeline" within 2d
                  follow up "File the post-incident report" within 5d
              }
              rule vouched {
                when has context.incident and requester not in group "oncall"
                then require approval
                  from 1 of group "sre-leads"
                  escalate after 10m to group "security-oncall"
                  expire after 1h
                  cap duration 1h
                  review after 2d
                  follow up "Add the session to the incident timeline" within 2d
              }
            }
            """;

    private Path dir;
    private Countersign cs;

    @BeforeEach
    void breakGlassPolicy() throws Exception {
        dir = Files.createTempDirectory("countersign-break-glass");
        Path policy = Files.writeString(dir.resolve("break-glass.policy"), POLICY);
        cs = Countersign.builder().policies(new PolicyDirectory(PolicySet.load(List.of(policy)),
                TestPolicies.directory(), PublicKeys.NONE)).store(store).clock(clock).mode(Countersign.Mode.SCAN).build();
    }

    @AfterEach
    void dropPolicy() throws Exception {
        cs.close();
        Files.deleteIfExists(dir.resolve("break-glass.policy"));
        Files.deleteIfExists(dir);
    }

    private StoredRequest incident(String requester) {
        return cs.submit(AccessRequest.builder().requester(requester).profile("breakglass-db")
                .duration(Duration.ofHours(1)).ticket("INC-7").justification("the primary is down")
                .context(Map.of("incident", "INC-7")).build());
    }

    private List<Event> events(String id) {
        return cs.history(id).events();
    }

    private void assertIntact(String id) {
        var v = cs.verify(cs.history(id));
        assertTrue(v.intact(), v.reason());
    }

    @Test
    void breakGlassNamesEveryoneWhoCouldHaveApproved() {
        StoredRequest r = incident("alice");
        assertEquals(RequestStatus.APPROVED, r.status());
        Event used = events(r.id()).get(events(r.id()).size() - 1);
        assertEquals(EventType.BREAKGLASS_USED, used.type());
        List<String> approvers = new ArrayList<>();
        used.data().get("approvers").forEach(a -> approvers.add(a.asText()));
        assertEquals(List.of("group:sre-leads", "group:security-oncall"), approvers,
                "the stage and escalation approvers of the rule that routes everyone else");
        assertEquals("break-glass/oncall-incident", used.data().get("rules").get(0).asText());
        assertIntact(r.id());

        StoredRequest vouched = incident("frank");
        assertEquals(RequestStatus.PENDING, vouched.status());
        cs.approve(vouched.id(), Actor.of("bob"), Terms.because("I am on the bridge"));
        assertFalse(events(vouched.id()).stream().anyMatch(e -> e.type() == EventType.BREAKGLASS_USED),
                "an approval by a person is no break-glass");
    }

    @Test
    void theReviewAndFollowUpsComeDueAfterTheGrantEnded() {
        StoredRequest r = incident("alice");
        Instant granted = clock.instant();
        assertEquals(granted.plus(Duration.ofDays(2)), r.nextDue());
        assertEquals(2, r.trackedFollowUps().size());

        clock.advance(Duration.ofHours(1));
        assertEquals(List.of(r.id()), cs.sweep().ended());
        assertEquals(RequestStatus.EXPIRED, cs.get(r.id()).status());

        clock.advance(Duration.ofDays(2).minusHours(1).minusSeconds(1));
        assertTrue(store.due(Due.SWEEP, clock.instant(), null, 10).items().isEmpty());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(r.id()), ids(store.due(Due.SWEEP, clock.instant(), null, 10).items()));
        SweepReport report = cs.sweep();
        assertEquals(List.of(r.id()), report.reviewsDue(), "the review of a grant that ended is still due");
        assertEquals(List.of(r.id() + "/1"), report.followUpsOverdue());
        StoredRequest after = cs.get(r.id());
        assertTrue(after.reviewDue());
        assertEquals(RequestStatus.EXPIRED, after.status());
        List<EventType> types = events(r.id()).stream().map(Event::type).toList();
        assertEquals(List.of(EventType.REVIEW_DUE, EventType.FOLLOWUP_OVERDUE), types.subList(types.size() - 2,
                types.size()));
        assertEquals(r.id() + "/1", events(r.id()).get(types.size() - 1).data().get("followUp").get("id").asText());

        assertEquals(new SweepReport(List.of(), List.of(), List.of(), List.of()), cs.sweep(), "announced once");
        assertEquals(granted.plus(Duration.ofDays(5)), cs.get(r.id()).nextDue(), "the second follow-up is next");
        clock.advance(Duration.ofDays(3));
        assertEquals(List.of(r.id() + "/2"), cs.sweep().followUpsOverdue());
        assertNull(cs.get(r.id()).nextDue());
        assertTrue(store.due(Due.SWEEP, clock.instant(), null, 10).items().isEmpty());
        assertEquals(List.of(r.id()), ids(store.due(Due.FOLLOW_UP, clock.instant(), null, 10).items()),
                "overdue follow-ups stay open until done");
        assertIntact(r.id());
    }

    @Test
    void followUpsAreListedAndMarkedDoneByTheRequesterOrAnApprover() {
        StoredRequest mine = incident("alice");
        StoredRequest franks = incident("frank");
        cs.approve(franks.id(), Actor.of("bob"), Terms.because("on the bridge"));

        List<String> all = cs.followUps(false, null, null, 10).items().stream().map(FollowUps.Open::id).toList();
        assertEquals(List.of(mine.id() + "/1", mine.id() + "/2", franks.id() + "/1").stream().sorted().toList(),
                all.stream().sorted().toList());
        assertEquals(List.of(franks.id() + "/1"), cs.followUps(false, "bob", null, 10).items().stream()
                .map(FollowUps.Open::id).toList(), "bob approved frank's");
        assertTrue(cs.followUps(true, null, null, 10).items().isEmpty(), "nothing is overdue yet");

        String id = franks.id() + "/1";
        RefusedException grace = assertThrows(RefusedException.class,
                () -> cs.followUpDone(id, Actor.of("grace"), List.of("https://wiki/INC-7")));
        assertEquals(Refusal.NOT_ELIGIBLE, grace.reason());
        assertThrows(InvalidRequestException.class, () -> cs.followUpDone(id, Actor.of("frank"), List.of()));
        assertThrows(InvalidRequestException.class, () -> cs.followUpDone(franks.id() + "/9", Actor.of("frank"),
                List.of("x")));
        assertThrows(InvalidRequestException.class, () -> cs.followUpDone("no-number", Actor.of("frank"),
                List.of("x")));

        StoredRequest done = cs.followUpDone(id, Actor.of("bob"), List.of("https://wiki/INC-7#timeline"));
        TrackedFollowUp f = done.trackedFollowUps().get(0);
        assertEquals("bob", f.doneBy());
        assertEquals(List.of("https://wiki/INC-7#timeline"), f.evidence());
        Event e = events(franks.id()).get(events(franks.id()).size() - 1);
        assertEquals(EventType.FOLLOWUP_DONE, e.type());
        assertEquals("bob", e.actor());
        assertFalse(e.data().get("signing").get("signed").asBoolean());
        assertIntact(franks.id());
        assertEquals(Refusal.WRONG_STATE, assertThrows(RefusedException.class,
                () -> cs.followUpDone(id, Actor.of("frank"), List.of("again"))).reason());
        assertNull(done.nextFollowUp());
        assertFalse(cs.followUps(false, null, null, 10).items().stream().anyMatch(o -> o.id().equals(id)));

        clock.advance(Duration.ofDays(2));
        SweepReport report = cs.sweep();
        assertEquals(List.of(mine.id() + "/1"), report.followUpsOverdue(), "a follow-up done is never overdue");
        assertEquals(List.of(mine.id() + "/1"), cs.followUps(true, "alice", null, 10).items().stream()
                .map(FollowUps.Open::id).toList());
    }

    /**
     * A grant stored before follow-ups were tracked (its records rewritten as older code wrote them: no
     * {@code followUps}) owes its grant's follow-ups all the same: listed, announced overdue and marked
     * done like any, due from its approval, and its history verifies throughout.
     */
    @Test
    void aGrantStoredBeforeFollowUpsWereTrackedOwesThemAllTheSame() {
        StoredRequest r = incident("alice");
        Instant granted = clock.instant();
        StoredRequest franks = incident("frank");
        clock.advance(Duration.ofMinutes(5));
        Instant approved = clock.instant();
        cs.approve(franks.id(), Actor.of("bob"), Terms.because("on the bridge"));
        for (String id : List.of(r.id(), franks.id())) {
            new Tamperer(raw, io.countersign.engine.seal.Sealer.NONE).rewrite(id, e -> ((com.fasterxml.jackson
                    .databind.node.ObjectNode) e.path("data").get("request")).remove("followUps"));
            assertNull(cs.get(id).followUps(), "stored as before tracking");
            assertIntact(id);
        }
        StoredRequest old = cs.get(r.id());
        assertEquals(List.of(granted.plus(Duration.ofDays(2)), granted.plus(Duration.ofDays(5))),
                old.trackedFollowUps().stream().map(TrackedFollowUp::due).toList(), "due from the instant grant");
        assertEquals(List.of(approved.plus(Duration.ofDays(2))), cs.get(franks.id()).trackedFollowUps().stream()
                .map(TrackedFollowUp::due).toList(), "due from the approval");
        assertEquals(List.of(r.id() + "/1", r.id() + "/2", franks.id() + "/1").stream().sorted().toList(),
                cs.followUps(false, null, null, 10).items().stream().map(FollowUps.Open::id).sorted().toList());

        clock.advance(Duration.ofDays(2));
        SweepReport report = cs.sweep();
        assertEquals(List.of(r.id(), franks.id()).stream().sorted().toList(), report.reviewsDue().stream().sorted()
                .toList());
        assertEquals(List.of(r.id() + "/1", franks.id() + "/1").stream().sorted().toList(),
                report.followUpsOverdue().stream().sorted().toList(), "overdue ones are announced");
        assertTrue(cs.get(r.id()).trackedFollowUps().get(0).overdue());
        assertEquals(new SweepReport(List.of(), List.of(), List.of(), List.of()), cs.sweep(), "announced once");

        StoredRequest done = cs.followUpDone(r.id() + "/2", Actor.of("alice"), List.of("https://wiki/INC-7/report"));
        assertEquals("alice", done.trackedFollowUps().get(1).doneBy());
        assertEquals(List.of(r.id() + "/1", franks.id() + "/1").stream().sorted().toList(),
                cs.followUps(false, null, null, 10).items().stream().map(FollowUps.Open::id).sorted().toList());
        assertIntact(r.id());
        assertIntact(franks.id());
    }

    /** A follow-up marked done that no event of that person marked is found. */
    @Test
    void aFollowUpMarkedDoneBehindTheWorkflowsBackIsFound() {
        StoredRequest r = incident("alice");
        new Tamperer(raw, io.countersign.engine.seal.Sealer.NONE).rewrite(r.id(), e -> {
            var f = (com.fasterxml.jackson.databind.node.ObjectNode) e.path("data").path("request").path("followUps")
                    .get(0);
            if (f != null && e.path("sequence").asLong() == 4) { // the newest: the state, not what policy made
                f.put("doneAt", clock.instant().toString()).put("doneBy", "alice");
            }
        });
        var v = cs.verify(cs.history(r.id()));
        assertFalse(v.intact());
        assertTrue(v.findings().toString().contains("no event of theirs marked it done"), v.findings().toString());
    }

    @Test
    void theDueIndexPagesInDueOrder() {
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            order.add(incident("alice").id());
            clock.advance(Duration.ofMinutes(1));
        }
        Instant until = clock.instant().plus(Duration.ofDays(2));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page<StoredRequest> page = store.due(Due.SWEEP, until, cursor, 2);
            assertTrue(page.items().size() <= 2);
            seen.addAll(ids(page.items()));
            cursor = page.next();
        } while (cursor != null);
        assertEquals(order, seen);
        assertEquals(order.subList(0, 3), ids(store.due(Due.SWEEP, until.minus(Duration.ofMinutes(3)), null, 10)
                .items()), "due at or before the bound, no later");
        assertEquals(order, ids(store.due(Due.FOLLOW_UP, null, null, 10).items()));
    }
}
