package io.countersign.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.decision.DecisionKind;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.event.EventType;
import io.countersign.engine.json.Json;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.store.History;
import io.countersign.engine.workflow.Actor;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every transition's events, in order and chained; decisions in the order they were made. */
public abstract class EventsContract extends WorkflowContract {

    @Test
    void aRequestsLifeIsItsEventsInOrderEachChainedToTheOneBefore() {
        StoredRequest r = adminRequest();
        clock.advance(Duration.ofMinutes(1));
        wf.escalate(r.id(), Actor.of("frank"), "the migration window closes at noon");
        clock.advance(Duration.ofMinutes(1));
        wf.delegate(r.id(), Actor.of("alice"), "dave");
        clock.advance(Duration.ofMinutes(1));
        wf.approve(r.id(), "dave", Terms.because("for alice"));
        clock.advance(Duration.ofMinutes(1));
        wf.approve(r.id(), "grace", Terms.because("security on call agrees"));
        clock.advance(Duration.ofMinutes(30));
        wf.revoke(r.id(), Actor.of("frank"), "done early");

        History h = history(r.id());
        List<Event> events = h.events();
        assertEquals(List.of(EventType.REQUEST_CREATED,
                EventType.DECISION_RECORDED, EventType.REQUEST_ESCALATED,
                EventType.DECISION_RECORDED, EventType.REQUEST_DELEGATED,
                EventType.DECISION_RECORDED,
                EventType.DECISION_RECORDED, EventType.STAGE_COMPLETED, EventType.REQUEST_APPROVED,
                EventType.DECISION_RECORDED, EventType.REQUEST_REVOKED),
                events.stream().map(Event::type).toList());
        assertEquals(List.of("frank", "frank", "frank", "alice", "alice", "dave", "grace", "grace", "grace", "frank",
                "frank"), events.stream().map(Event::actor).toList());
        Set<String> eventIds = new HashSet<>();
        long lastVersion = 0;
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            assertEquals(i + 1, e.sequence());
            assertEquals(r.id(), e.requestId());
            assertTrue(eventIds.add(e.id()), "event ids are unique");
            assertEquals(i == 0 ? null : events.get(i - 1).hash(), e.prevHash());
            long version = e.data().get("request").get("version").asLong();
            assertTrue(version >= lastVersion, "the request inside the events only moves forward");
            lastVersion = version;
        }
        assertEquals(h.request().version(), lastVersion);
        assertChainIntact(r.id());

        // Every decision was announced, in the order it was recorded.
        List<String> announced = new ArrayList<>();
        events.stream().filter(e -> e.type() == EventType.DECISION_RECORDED)
                .forEach(e -> announced.add(e.data().get("decision").get("decisionId").asText()));
        assertEquals(announced, h.decisions().stream().map(ApprovalDecision::decisionId).toList());
        assertEquals(List.of(DecisionKind.ESCALATED, DecisionKind.DELEGATED, DecisionKind.APPROVED,
                DecisionKind.APPROVED, DecisionKind.REVOKED),
                h.decisions().stream().map(ApprovalDecision::decision).toList());

        // The last event carries the request as stored, less the chain head it itself holds.
        ObjectNode stored = Json.mapper().valueToTree(h.request());
        stored.remove("eventSequence");
        stored.remove("eventHash");
        assertEquals(EventChain.canonical(stored), EventChain.canonical(events.get(events.size() - 1).data()
                .get("request")));
        assertEquals("revoked", events.get(events.size() - 1).data().get("request").get("status").asText());
    }

    @Test
    void decisionsComeBackInTheOrderTheyWereMadeEvenWithinOneInstant() {
        // Three approvals in the same instant (a coarse clock, a busy second): the decision key's date
        // cannot order them, yet the history must.
        StoredRequest r = wf.submit(ask("frank", "fin-ledger").build());
        wf.approve(r.id(), "erin", Terms.because("one"));
        wf.approve(r.id(), "alice", Terms.because("two"));
        wf.approve(r.id(), "dave", Terms.because("three"));
        assertEquals(List.of("erin", "alice", "dave"), decisions(r.id()).stream().map(ApprovalDecision::approver)
                .toList());
    }

    @Test
    void decisionsComeBackInTheOrderTheyWereMadeWhenTheClockStepsBack() {
        // Two hosts a minute apart, or a clock corrected by NTP: the second decision carries an earlier date.
        StoredRequest r = wf.submit(ask("frank", "fin-ledger").build());
        wf.approve(r.id(), "bob", Terms.because("one"));
        clock.advance(Duration.ofMinutes(-1));
        wf.approve(r.id(), "alice", Terms.because("two"));
        clock.advance(Duration.ofMinutes(-1));
        wf.deny(r.id(), Actor.of("dave"), "not this quarter");
        History h = history(r.id());
        assertEquals(List.of("bob", "alice", "dave"), h.decisions().stream().map(ApprovalDecision::approver).toList());
        assertEquals(RequestStatus.DENIED, h.request().status());
        assertChainIntact(r.id());
    }

    @Test
    void transitionsWithoutADecisionStillEmitTheirEvent() {
        StoredRequest cancelled = adminRequest();
        wf.cancel(cancelled.id(), "frank");
        StoredRequest expiring = adminRequest();
        clock.advance(Duration.ofHours(24));
        wf.sweep();

        History c = history(cancelled.id());
        assertEquals(List.of(EventType.REQUEST_CREATED, EventType.REQUEST_CANCELLED),
                c.events().stream().map(Event::type).toList());
        assertEquals("frank", c.events().get(1).actor());
        assertNull(c.events().get(1).data().get("decision"));
        assertTrue(c.decisions().isEmpty());

        History e = history(expiring.id());
        assertEquals(List.of(EventType.REQUEST_CREATED, EventType.REQUEST_EXPIRED),
                e.events().stream().map(Event::type).toList());
        assertEquals(Workflow.SWEEP, e.events().get(1).actor());
        assertEquals(clock.instant(), e.events().get(1).time());
        assertChainIntact(cancelled.id());
        assertChainIntact(expiring.id());
    }

    @Test
    void theChainShowsAnEventChangedRemovedOrReordered() {
        StoredRequest r = approvedAdmin();
        List<Event> events = history(r.id()).events();
        assertNull(EventChain.verify(events));

        List<Event> changed = new ArrayList<>(events);
        Event second = changed.get(1);
        JsonNode data = second.data().deepCopy();
        ((ObjectNode) data.get("decision")).put("approver", "mallory");
        changed.set(1, new Event(second.id(), second.type(), second.time(), second.actor(), second.requestId(),
                second.sequence(), data, second.prevHash(), second.hash()));
        EventChain.Broken b = EventChain.verify(changed);
        assertNotNull(b);
        assertEquals(2, b.event().sequence());

        List<Event> removed = new ArrayList<>(events);
        removed.remove(2);
        assertNotNull(EventChain.verify(removed));

        List<Event> swapped = new ArrayList<>(events);
        swapped.set(1, events.get(2));
        swapped.set(2, events.get(1));
        assertNotNull(EventChain.verify(swapped));
    }
}
