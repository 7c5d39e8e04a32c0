package io.countersign.engine.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The lifecycle events of DATA.md, by their wire names. */
public enum EventType {
    REQUEST_CREATED("request.created"),
    REQUEST_APPROVED("request.approved"),
    REQUEST_DENIED("request.denied"),
    REQUEST_EXPIRED("request.expired"),
    REQUEST_CANCELLED("request.cancelled"),
    REQUEST_REVOKED("request.revoked"),
    REQUEST_ESCALATED("request.escalated"),
    REQUEST_DELEGATED("request.delegated"),
    DECISION_RECORDED("decision.recorded"),
    STAGE_COMPLETED("stage.completed"),
    REVIEW_DUE("review.due"),
    /** An auditor's note on a decision, made later: signed and chained, it changes nothing of the request. */
    AUDIT_NOTED("audit.noted"),
    /** A follow-up of a grant passed its due date undone: announced once, by the sweep. */
    FOLLOWUP_OVERDUE("followup.overdue"),
    /** Someone who may marked a follow-up done, with evidence: a signed action. */
    FOLLOWUP_DONE("followup.done"),
    /** Policy granted at once on a break-glass rule: names everyone who could have approved. */
    BREAKGLASS_USED("breakglass.used");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String toString() {
        return wire;
    }

    @JsonCreator
    public static EventType parse(String s) {
        for (EventType t : values()) {
            if (t.wire.equals(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown event type '" + s + "'");
    }
}
