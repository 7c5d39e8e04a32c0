package io.countersign.engine.store;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.workflow.StoredRequest;
import java.util.List;

/** A request, its decisions in the order they were made, and its events in sequence. */
@JsonPropertyOrder({"request", "decisions", "events"})
public record History(StoredRequest request, List<ApprovalDecision> decisions, List<Event> events) {
    public History {
        decisions = List.copyOf(decisions);
        events = List.copyOf(events);
    }
}
