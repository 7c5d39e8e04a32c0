package io.countersign.engine.store;

import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.model.StoredRequest;
import java.util.List;

/** What one transition writes: the request's new version, the decisions it recorded, the events it emits. */
public record Change(StoredRequest request, List<ApprovalDecision> decisions, List<Event> events) {
    public Change {
        decisions = List.copyOf(decisions);
        events = List.copyOf(events);
    }
}
