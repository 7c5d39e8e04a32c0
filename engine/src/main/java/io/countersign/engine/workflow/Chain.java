package io.countersign.engine.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.event.EventType;
import io.countersign.engine.json.Json;
import io.countersign.engine.model.Draft;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.store.Change;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The events of one transition, chained to the request's last event: the one place events are made.
 * The request inside an event is written without its chain head, which the event itself carries.
 */
final class Chain {
    private final Draft draft;
    private final Instant now;
    private final List<Event> events = new ArrayList<>();

    private Chain(Draft draft, Instant now) {
        this.draft = draft;
        this.now = now;
    }

    /** The events of a transition: the draft becomes the request's next version. */
    static Chain next(Draft draft, Instant now) {
        draft.version(draft.version() + 1);
        return new Chain(draft, now);
    }

    /** The events of a creation: the request's first version. */
    static Chain first(StoredRequest created, Instant now) {
        return new Chain(Draft.from(created), now);
    }

    /** A transition that records a person's decision: {@code decision.recorded}, then what it did. */
    static Change decided(Draft next, Instant now, String actor, ApprovalDecision d, EventType what) {
        Chain chain = next(next, now);
        chain.add(EventType.DECISION_RECORDED, actor, d);
        chain.add(what, actor, d);
        return chain.change(List.of(d));
    }

    /** A transition nobody decided (expiry, a due escalation, a review due): one event. */
    static Change announced(Draft next, Instant now, String actor, EventType what) {
        Chain chain = next(next, now);
        chain.add(what, actor, null);
        return chain.change(List.of());
    }

    void add(EventType type, String actor, ApprovalDecision decision) {
        add(type, actor, decision, null);
    }

    /** @param signed for a submission or cancellation: its signature, or that it was accepted unsigned */
    void add(EventType type, String actor, ApprovalDecision decision, Map<String, Object> signed) {
        add(type, actor, decision, signed, Map.of());
    }

    /** An audit note: {@code data.note} is the note, {@code data.signing} its signature's record. */
    void note(String actor, Map<String, Object> note, Map<String, Object> signed) {
        add(EventType.AUDIT_NOTED, actor, null, signed, Map.of("note", note));
    }

    /** {@link #add(EventType, String, ApprovalDecision, Map)} with more of {@code data}: what the event is about. */
    void add(EventType type, String actor, ApprovalDecision decision, Map<String, Object> signed,
            Map<String, Object> about) {
        ObjectNode data = Json.mapper().createObjectNode();
        ObjectNode request = Json.mapper().valueToTree(draft.build());
        request.remove("eventSequence");
        request.remove("eventHash");
        request.remove("seal");
        data.set("request", request);
        if (decision != null) {
            data.set("decision", Json.mapper().valueToTree(decision));
        }
        if (signed != null) {
            data.set("signing", Json.mapper().valueToTree(signed));
        }
        about.forEach((k, v) -> data.set(k, Json.mapper().valueToTree(v)));
        Event e = EventChain.seal(new Event(UUID.randomUUID().toString(), type, now, actor, draft.id(),
                draft.eventSequence() + 1, data, draft.eventHash(), null));
        events.add(e);
        draft.eventSequence(e.sequence());
        draft.eventHash(e.hash());
    }

    StoredRequest request() {
        return draft.build();
    }

    /** The change to write: the request as the events leave it, the decisions, the events. */
    Change change(List<ApprovalDecision> decisions) {
        return new Change(draft.build(), decisions, List.copyOf(events));
    }
}
