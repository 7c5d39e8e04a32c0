package io.countersign.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.countersign.engine.Countersign;
import io.countersign.engine.signing.Signature;
import io.countersign.engine.signing.Statement;
import io.countersign.engine.workflow.Act;
import io.countersign.engine.workflow.Actor;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.workflow.Terms;
import io.countersign.server.http.ProblemException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A person's action on a request, and the statement they sign for it. */
final class Actions {

    private Actions() {
    }

    /** The actions, each at {@code POST /v1/requests/{id}/ACTION}. */
    enum Kind {
        APPROVE, DENY, DELEGATE, ESCALATE, CANCEL, REVOKE, NOTE
    }

    /**
     * An action's body; which parts apply depends on the action.
     *
     * @param action for a statement: which action it is for
     * @param rationale approve, deny: why; escalate, revoke: the reason
     * @param comments approve, deny: additional comments
     * @param confidenceLevel approve, deny: the decider's confidence, 0 to 1
     * @param consultedParties approve, deny: people or teams consulted
     * @param evidenceProvided approve, deny: links and ticket references
     * @param to delegate: the delegate
     * @param text note: the auditor's note
     * @param decisionId note: the decision annotated; null for the request's newest
     * @param signature the actor's signature over the action's statement, where policy wants one
     * @param signedAt for a statement: the instant it will be signed at (now unless told)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Body(Kind action, String rationale, Duration duration, List<String> permissions, Map<String, Object> conditions,
            List<String> stipulations, String comments, BigDecimal confidenceLevel, List<String> consultedParties,
            List<String> evidenceProvided, String to, String text, String decisionId, Signature signature,
            Instant signedAt) {
    }

    /** A statement to sign: the statement and its canonical text (what the signature covers). */
    record ToSign(String apiVersion, Statement statement, String canonical) {
    }

    static StoredRequest run(Countersign cs, Kind kind, String id, String user, Body b) {
        Actor actor = b.signature() == null ? Actor.of(user) : Actor.of(user).signed(b.signature());
        return cs.act(id, actor, act(kind, b));
    }

    static ToSign statement(Countersign cs, String id, String user, Body b, Instant now) {
        if (b.action() == null) {
            throw ProblemException.badRequest("INVALID_FIELD", "action: required (approve, deny, delegate, escalate, cancel, revoke,"
                    + " note)");
        }
        Statement s = cs.statement(id, user, act(b.action(), b), b.signedAt() != null ? b.signedAt() : now);
        return new ToSign(Calls.API_VERSION, s, s.canonical());
    }

    private static Act act(Kind kind, Body b) {
        return switch (kind) {
            case APPROVE -> Act.approve(new Terms(b.rationale(), b.duration(), b.permissions(), b.conditions(),
                    b.stipulations(), b.comments(), b.confidenceLevel(), b.consultedParties(), b.evidenceProvided()));
            case DENY -> Act.deny(new Terms(b.rationale(), null, List.of(), Map.of(), List.of(), b.comments(),
                    b.confidenceLevel(), b.consultedParties(), b.evidenceProvided()));
            case DELEGATE -> Act.delegate(required(b.to(), "to"));
            case ESCALATE -> Act.escalate(b.rationale());
            case CANCEL -> Act.cancel();
            case REVOKE -> Act.revoke(b.rationale());
            case NOTE -> Act.note(b.decisionId(), required(b.text(), "text"));
        };
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest("INVALID_FIELD", field + ": required");
        }
        return value;
    }
}
