package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.decision.DecisionKind;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.event.EventType;
import io.countersign.engine.model.Approval;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.store.History;
import io.countersign.engine.store.Listing;
import io.countersign.engine.workflow.Actor;
import io.countersign.engine.workflow.RefusedException;
import io.countersign.engine.workflow.Terms;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sixteen threads approve, deny and cancel the same thousand requests at once. Whatever interleaving
 * the database allows, each request ends in one state the rules allow, every call that succeeded left
 * its decision in the history, nobody meets a quorum twice, and every event chain is whole.
 *
 * <p>The threads take the requests batch by batch, meeting at a barrier after each, so that those
 * acting on a request act on it together; within a batch each thread goes through the requests in an
 * order of its own. Several threads act as the same person, as a person double-clicking would.
 */
public abstract class RaceContract extends WorkflowContract {

    private static final int REQUESTS = 1000;
    private static final int THREADS = 16;
    private static final int BATCH = 10;

    private enum Action { APPROVE, DENY, CANCEL }

    private record Role(Action action, String actor) {
    }

    /** What one thread did to one request: the request as the call returned it, or the refusal. */
    private record Call(String requestId, Role role, StoredRequest result, String refusal) {
        boolean succeeded() {
            return result != null;
        }
    }

    /**
     * Thread t plays ROLES[t]: alice and bob approve from four threads each, erin from three; each of
     * them also denies from one thread; frank cancels from two.
     */
    private static final List<Role> ROLES = List.of(
            new Role(Action.APPROVE, "alice"), new Role(Action.APPROVE, "alice"),
            new Role(Action.APPROVE, "alice"), new Role(Action.APPROVE, "alice"),
            new Role(Action.APPROVE, "bob"), new Role(Action.APPROVE, "bob"),
            new Role(Action.APPROVE, "bob"), new Role(Action.APPROVE, "bob"),
            new Role(Action.APPROVE, "erin"), new Role(Action.APPROVE, "erin"), new Role(Action.APPROVE, "erin"),
            new Role(Action.DENY, "alice"), new Role(Action.DENY, "bob"), new Role(Action.DENY, "erin"),
            new Role(Action.CANCEL, "frank"), new Role(Action.CANCEL, "frank"));

    /**
     * Whether a thread acts on request i: approvers alone (it must end approved), approvers and
     * deniers, approvers and the requester cancelling, or all of them.
     */
    private static boolean acts(int thread, int i) {
        Role role = ROLES.get(thread);
        int mix = i % 4;
        if (role.action() == Action.APPROVE) {
            // Two of each person's threads per request: enough to double-click, few enough to stay quick.
            int twin = ROLES.subList(0, thread).stream().filter(role::equals).toList().size();
            return role.actor().equals("erin") ? (i + twin) % 3 == 0 : (i + twin) % 2 == 0;
        }
        return role.action() == Action.DENY && (mix == 1 || mix == 3)
                || role.action() == Action.CANCEL && (mix == 2 || mix == 3);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void concurrentDecisionsOnAThousandRequestsLoseNothingAndCountNobodyTwice() throws Exception {
        assertEquals(THREADS, ROLES.size());
        List<String> ids = submitAll();

        ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        CyclicBarrier together = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Role role = ROLES.get(t);
                Random random = new Random(1000L + t);
                running.add(pool.submit(() -> {
                    for (int from = 0; from < REQUESTS; from += BATCH) {
                        List<Integer> batch = new ArrayList<>();
                        for (int i = from; i < Math.min(REQUESTS, from + BATCH); i++) {
                            if (acts(thread, i)) {
                                batch.add(i);
                            }
                        }
                        Collections.shuffle(batch, random);
                        for (int i : batch) {
                            calls.add(act(role, ids.get(i), unexpected));
                        }
                        together.await(1, TimeUnit.MINUTES);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(4, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        if (!unexpected.isEmpty()) {
            Throwable first = unexpected.peek();
            fail(unexpected.size() + " calls failed unexpectedly; the first: " + first, first);
        }

        // The threads met: people were refused for having approved already, and decisions came too late.
        assertTrue(calls.stream().anyMatch(c -> !c.succeeded() && c.refusal().contains("already approved")));
        assertTrue(calls.stream().anyMatch(c -> !c.succeeded() && c.refusal().contains("not pending")));

        Map<String, List<Call>> byRequest = new HashMap<>();
        for (Call c : calls) {
            byRequest.computeIfAbsent(c.requestId(), k -> new ArrayList<>()).add(c);
        }
        Map<RequestStatus, Integer> ends = new EnumMap<>(RequestStatus.class);
        for (int i = 0; i < REQUESTS; i++) {
            String id = ids.get(i);
            RequestStatus end = check(i, history(id), byRequest.getOrDefault(id, List.of()));
            ends.merge(end, 1, Integer::sum);
        }
        // Every mix was played out: each outcome happened, and no request was left undecided.
        assertTrue(ends.getOrDefault(RequestStatus.APPROVED, 0) >= REQUESTS / 4, ends.toString());
        assertTrue(ends.getOrDefault(RequestStatus.DENIED, 0) > 0, ends.toString());
        assertTrue(ends.getOrDefault(RequestStatus.CANCELLED, 0) > 0, ends.toString());
        assertEquals(REQUESTS, ends.values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(wf.list(new Listing.ByStatus(RequestStatus.PENDING), 10).items().isEmpty());
        assertEquals(REQUESTS, ListingContract.readAll(wf, new Listing.ByRequester("frank"), 1000).size());
    }

    private List<String> submitAll() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            ids.add(String.format("race-%04d", i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int first = t;
                work.add(pool.submit(() -> {
                    for (int i = first; i < REQUESTS; i += 4) {
                        StoredRequest r = wf.submit(ask("frank", "prod-admin").id(ids.get(i))
                                .duration(TWO_HOURS).build());
                        assertEquals(RequestStatus.PENDING, r.status());
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return ids;
    }

    private Call act(Role role, String id, ConcurrentLinkedQueue<Throwable> unexpected) {
        try {
            StoredRequest result;
            if (role.action() == Action.APPROVE) {
                result = wf.approve(id, role.actor(), Terms.because("race"));
            } else if (role.action() == Action.DENY) {
                result = wf.deny(id, Actor.of(role.actor()), "race");
            } else {
                result = wf.cancel(id, role.actor());
            }
            return new Call(id, role, result, null);
        } catch (RefusedException e) {
            return new Call(id, role, null, e.getMessage());
        } catch (RuntimeException e) {
            unexpected.add(e);
            return new Call(id, role, null, e.toString());
        }
    }

    /** Checks one request against every call made on it, and returns how it ended. */
    private RequestStatus check(int i, History h, List<Call> calls) {
        String id = h.request().id();
        StoredRequest r = h.request();
        String where = id + " (" + r.status() + ")";

        // Refusals are only those the race makes right: decided already, or approved already by that person.
        for (Call c : calls) {
            if (!c.succeeded()) {
                String m = c.refusal();
                assertTrue(m.contains("not pending") || m.contains("has already approved this request"),
                        where + ": unexpected refusal of " + c.role() + ": " + m);
            }
        }
        List<Call> approvals = calls.stream().filter(c -> c.succeeded() && c.role().action() == Action.APPROVE).toList();
        List<Call> denials = calls.stream().filter(c -> c.succeeded() && c.role().action() == Action.DENY).toList();
        List<Call> cancels = calls.stream().filter(c -> c.succeeded() && c.role().action() == Action.CANCEL).toList();

        // No decision lost: every successful call's decision is in the history, and nothing else is.
        Map<String, ApprovalDecision> decided = new HashMap<>();
        h.decisions().forEach(d -> decided.put(d.decisionId(), d));
        assertEquals(approvals.size() + denials.size(), h.decisions().size(), where + ": decisions " + h.decisions());
        for (Call c : approvals) {
            String decisionId = c.result().stages().get(0).approvals().stream()
                    .filter(a -> a.approver().equals(c.role().actor())).findFirst().orElseThrow().decisionId();
            ApprovalDecision d = decided.get(decisionId);
            assertTrue(d != null && d.approver().equals(c.role().actor()) && d.decision() == DecisionKind.APPROVED,
                    where + ": the approval " + c.role() + " was told succeeded is not in the history");
        }
        for (Call c : denials) {
            assertEquals(RequestStatus.DENIED, c.result().status());
            assertTrue(h.decisions().stream().anyMatch(d -> d.decision() == DecisionKind.DENIED
                    && d.approver().equals(c.role().actor())), where + ": the denial by " + c.role() + " is lost");
        }

        // Nobody meets the quorum twice: the approvers of the request are distinct people.
        List<String> approvers = h.decisions().stream().filter(d -> d.decision() == DecisionKind.APPROVED)
                .map(ApprovalDecision::approver).toList();
        assertEquals(approvers.size(), new HashSet<>(approvers).size(), where + ": approved twice by one: " + approvers);
        List<String> counted = r.stages().get(0).approvals().stream().map(Approval::approver).toList();
        assertEquals(approvers, counted, where + ": the stage counts what the history says");

        // Exactly one end, and one the rules allow for the mix of actors.
        int mix = i % 4;
        List<EventType> types = h.events().stream().map(Event::type).toList();
        switch (r.status()) {
            case APPROVED:
                assertEquals(2, approvals.size(), where);
                assertTrue(denials.isEmpty() && cancels.isEmpty(), where);
                assertEquals(1, types.stream().filter(t -> t == EventType.REQUEST_APPROVED).count(), where);
                break;
            case DENIED:
                assertTrue(mix == 1 || mix == 3, where + ": nobody denies in this mix");
                assertEquals(1, denials.size(), where + ": one denial denies; the rest find it decided");
                assertTrue(approvals.size() <= 1 && cancels.isEmpty(), where);
                assertEquals(1, types.stream().filter(t -> t == EventType.REQUEST_DENIED).count(), where);
                break;
            case CANCELLED:
                assertTrue(mix == 2 || mix == 3, where + ": nobody cancels in this mix");
                assertEquals(1, cancels.size(), where);
                assertTrue(approvals.size() <= 1 && denials.isEmpty(), where);
                assertEquals(1, types.stream().filter(t -> t == EventType.REQUEST_CANCELLED).count(), where);
                break;
            default:
                fail(where + ": not an end the race can reach");
        }

        // The events: whole, gap-free, one per step, and announcing the decisions in the order of the history.
        assertNull(EventChain.verify(h.events()), where);
        assertEquals(r.eventSequence(), h.events().size(), where);
        int expectedEvents = 1 + approvals.size() + 2 * denials.size() + cancels.size()
                + (r.status() == RequestStatus.APPROVED ? 2 : 0);
        assertEquals(expectedEvents, h.events().size(), where + ": " + types);
        assertEquals(1 + approvals.size() + denials.size() + cancels.size(), r.version(), where);
        List<String> announced = h.events().stream().filter(e -> e.type() == EventType.DECISION_RECORDED)
                .map(e -> e.data().get("decision").get("decisionId").asText()).toList();
        assertEquals(announced, h.decisions().stream().map(ApprovalDecision::decisionId).toList(), where);
        Set<String> eventIds = new HashSet<>();
        h.events().forEach(e -> assertTrue(eventIds.add(e.id()), where + ": event id twice"));
        return r.status();
    }
}
