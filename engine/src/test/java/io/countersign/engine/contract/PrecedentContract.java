package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.decision.DecisionKind;
import io.countersign.engine.json.Json;
import io.countersign.engine.model.Precedent;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.precedent.PrecedentFinder;
import io.countersign.engine.precedent.PrecedentSettings;
import io.countersign.engine.precedent.PrecedentSummary;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.workflow.Actor;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Precedents (issue 20): a submitted request records the most similar decided requests of its profile
 * within the window — the decisions that settled them, by whom and why — and every decision made on it
 * lists their ids in {@code precedentIds}.
 */
public abstract class PrecedentContract extends WorkflowContract {

    private void tick() {
        clock.advance(Duration.ofMinutes(1));
    }

    private ApprovalDecision last(String id) {
        List<ApprovalDecision> ds = decisions(id);
        return ds.get(ds.size() - 1);
    }

    private static List<String> requestIds(List<Precedent> ps) {
        return ps == null ? List.of() : ps.stream().map(Precedent::requestId).toList();
    }

    @Test
    void theMostSimilarDecidedRequestsAreRecordedWithTheDecisionsThatSettledThem() throws Exception {
        StoredRequest approved = approvedAdmin();
        tick();
        StoredRequest denied = adminRequest();
        wf.deny(denied.id(), Actor.of("bob"), "not during the freeze");
        tick();
        StoredRequest byPolicy = wf.submit(ask("carol", "prod-admin").build());
        assertEquals(RequestStatus.DENIED, byPolicy.status());
        tick();
        adminRequest(); // pending: no precedent yet
        tick();
        StoredRequest cancelled = adminRequest();
        wf.cancel(cancelled.id(), "frank");
        tick();
        assertEquals(RequestStatus.APPROVED, wf.submit(ask("alice", "prod-readonly").build()).status());
        tick();

        StoredRequest n = adminRequest();

        // frank's own (same requester, same groups) first, the newer ahead; carol's (same groups) after
        assertEquals(List.of(denied.id(), approved.id(), byPolicy.id()), requestIds(n.precedents()));
        Precedent d = n.precedents().get(0);
        assertEquals(last(denied.id()).decisionId(), d.decisionId());
        assertEquals(DecisionKind.DENIED, d.decision());
        assertEquals("bob", d.approver());
        assertEquals("not during the freeze", d.rationale());
        Precedent a = n.precedents().get(1);
        assertEquals(last(approved.id()).decisionId(), a.decisionId());
        assertEquals("bob", a.approver());
        assertEquals("agreed", a.rationale());
        Precedent p = n.precedents().get(2);
        assertEquals(ApprovalDecision.POLICY, p.approver());
        assertEquals(decisions(byPolicy.id()).get(0).decisionId(), p.decisionId());
        assertEquals("Denied by production/contractors-not-admin: Contractors may not hold production admin",
                p.rationale());

        assertEquals("3 similar requests: 1 approved, 2 denied", PrecedentSummary.of(n.precedents()).headline());
        assertEquals(n.precedents(), wf.get(n.id()).precedents(), "stored as found");

        wf.approve(n.id(), "alice", Terms.because("seen these before"));
        String ids = Json.mapper().writeValueAsString(n.precedents().stream().map(Precedent::decisionId).toList());
        assertEquals(ids, last(n.id()).precedentIds(), "the decision made on it carries them");
        assertTrue(wf.verify(history(n.id())).intact(), "the record verifies with its precedents");
        assertChainIntact(n.id());
    }

    @Test
    void aDecisionByPolicyAtOnceCarriesThePrecedentsToo() {
        StoredRequest first = wf.submit(ask("alice", "prod-readonly").build());
        tick();
        StoredRequest second = wf.submit(ask("alice", "prod-readonly").build());
        assertEquals(RequestStatus.APPROVED, second.status());
        assertEquals(List.of(first.id()), requestIds(second.precedents()));
        assertEquals("[\"" + decisions(first.id()).get(0).decisionId() + "\"]",
                decisions(second.id()).get(0).precedentIds());
        assertNull(decisions(first.id()).get(0).precedentIds(), "the first had none");
        assertNull(first.precedents());
        assertTrue(wf.verify(history(second.id())).intact());
    }

    @Test
    void onlyRequestsWhosePermissionsOverlapArePrecedents() {
        StoredRequest read = wf.submit(ask("frank", "prod-data").permissions("read").build());
        wf.approve(read.id(), "dave", Terms.because("reporting"));
        tick();
        StoredRequest export = wf.submit(ask("frank", "prod-data").permissions("export").build());
        wf.deny(export.id(), Actor.of("dave"), "no exports this quarter");
        tick();

        StoredRequest readList = wf.submit(ask("frank", "prod-data").permissions("read", "list").build());
        assertEquals(List.of(read.id()), requestIds(readList.precedents()), "export does not overlap read, list");

        tick();
        StoredRequest whole = wf.submit(ask("frank", "prod-data").build());
        assertEquals(List.of(export.id(), read.id()), requestIds(whole.precedents()),
                "a request naming no permissions asks for the whole profile: it overlaps any");
    }

    @Test
    void theWindowAndTheLimitBoundWhatIsFound() {
        StoredRequest old = approvedAdmin();
        clock.advance(Duration.ofDays(91));
        StoredRequest recent1 = approvedAdmin();
        tick();
        StoredRequest recent2 = approvedAdmin();
        tick();

        assertEquals(List.of(recent2.id(), recent1.id()), requestIds(adminRequest().precedents()),
                "90 days by default: " + old.id() + " is older");

        Workflow wide = wf.withPrecedents(PrecedentSettings.DEFAULT.withWindow(Duration.ofDays(120)));
        assertEquals(List.of(recent2.id(), recent1.id(), old.id()),
                requestIds(wide.submit(ask("frank", "prod-admin").build()).precedents()));

        Workflow one = wf.withPrecedents(PrecedentSettings.DEFAULT.withLimit(1));
        assertEquals(List.of(recent2.id()), requestIds(one.submit(ask("frank", "prod-admin").build()).precedents()));

        Workflow none = wf.withPrecedents(PrecedentSettings.NONE);
        StoredRequest sought = none.submit(ask("frank", "prod-admin").build());
        assertNull(sought.precedents(), "none sought, none kept");
    }

    @Test
    void theCandidatesReadBoundTheSearchWhateverTheStoreHolds() {
        StoredRequest franks = approvedAdmin(); // the most similar to frank's next request, and the oldest
        tick();
        StoredRequest carols1 = wf.submit(ask("carol", "prod-admin").build()); // denied by policy
        tick();
        StoredRequest carols2 = wf.submit(ask("carol", "prod-admin").build());
        tick();
        // Asked of the finder itself: a submission would add a pending request of its own to the profile.
        AccessRequest franksNext = ask("frank", "prod-admin").build();
        PrecedentFinder narrow = new PrecedentFinder(wf.store(), PrecedentSettings.DEFAULT.withLimit(2).withCandidates(2));
        assertEquals(List.of(carols2.id(), carols1.id()), requestIds(narrow.find(franksNext, clock.instant())),
                "two candidates read, the newest settled: " + franks.id() + " lies beyond the read");
        PrecedentFinder wider = new PrecedentFinder(wf.store(), PrecedentSettings.DEFAULT.withLimit(2).withCandidates(3));
        assertEquals(List.of(franks.id(), carols2.id()), requestIds(wider.find(franksNext, clock.instant())));
    }

    // A busy profile: more requests wait than a precedent search reads candidates, all newer than the
    // decided ones. The search reads the settled only, so they neither hide the precedents nor are read.
    @Test
    void pendingRequestsNeverCrowdOutThePrecedents() {
        StoredRequest approved = approvedAdmin();
        tick();
        StoredRequest denied = adminRequest();
        wf.deny(denied.id(), Actor.of("bob"), "not during the freeze");
        tick();
        int waiting = 3 * PrecedentSettings.DEFAULT.candidates();
        for (int i = 0; i < waiting; i++) {
            assertEquals(RequestStatus.PENDING, adminRequest().status());
            clock.advance(Duration.ofSeconds(10));
        }

        StoredRequest n = adminRequest();
        assertEquals(List.of(denied.id(), approved.id()), requestIds(n.precedents()),
                waiting + " newer pending requests of the profile hide nothing");
        assertEquals(List.of(denied.id(), approved.id()), ids(wf.store().settled("prod-admin",
                clock.instant().minus(Duration.ofDays(1)), PrecedentSettings.DEFAULT.candidates())),
                "the settled alone, newest first, however many wait above them");
    }

    @Test
    void aRequestWithoutPrecedentsRecordsNone() {
        StoredRequest r = adminRequest();
        assertNull(r.precedents());
        wf.approve(r.id(), "alice", Terms.because("ok"));
        assertNull(last(r.id()).precedentIds());
        assertEquals("no similar requests", PrecedentSummary.of(r.precedents()).headline());
    }
}
