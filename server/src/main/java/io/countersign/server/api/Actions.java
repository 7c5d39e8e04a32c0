package io.countersign.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.countersign.engine.signing.Signature;
import io.countersign.engine.signing.Statement;
import io.countersign.engine.workflow.StoredRequest;
import io.countersign.engine.workflow.Terms;
import io.countersign.engine.workflow.Workflow;
import io.countersign.server.http.ProblemException;
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
        APPROVE, DENY, DELEGATE, ESCALATE, CANCEL, REVOKE
    }

    /**
     * An action's body; which parts apply depends on the action.
     *
     * @param action for a statement: which action it is for
     * @param rationale approve, deny: why; escalate, revoke: the reason
     * @param to delegate: the delegate
     * @param signedAt for a statement: the instant it will be signed at (now unless told)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Act(Kind action, String rationale, Duration duration, List<String> permissions, Map<String, Object> conditions,
            List<String> stipulations, String to, Signature signature, Instant signedAt) {
    }

    /** A statement to sign: the statement and its canonical text (what the signature covers). */
    record ToSign(String apiVersion, Statement statement, String canonical) {
    }

    static StoredRequest run(Workflow w, Kind kind, String id, String actor, Act a) {
        return switch (kind) {
            case APPROVE -> w.approve(id, actor, terms(a), a.signature());
            case DENY -> w.deny(id, actor, a.rationale(), a.signature());
            case DELEGATE -> w.delegate(id, actor, required(a.to(), "to"), a.signature());
            case ESCALATE -> w.escalate(id, actor, a.rationale(), a.signature());
            case CANCEL -> w.cancel(id, actor, a.signature());
            case REVOKE -> w.revoke(id, actor, a.rationale(), a.signature());
        };
    }

    static ToSign statement(Workflow w, String id, String actor, Act a) {
        if (a.action() == null) {
            throw ProblemException.badRequest("INVALID_FIELD", "action: required (approve, deny, delegate, escalate, cancel, revoke)");
        }
        Statement.Action action = switch (a.action()) {
            case APPROVE -> Statement.Action.APPROVE;
            case DENY -> Statement.Action.DENY;
            case DELEGATE -> Statement.Action.DELEGATE;
            case ESCALATE -> Statement.Action.ESCALATE;
            case CANCEL -> Statement.Action.CANCEL;
            case REVOKE -> Statement.Action.REVOKE;
        };
        StoredRequest r = w.get(id);
        Terms terms = a.action() == Kind.APPROVE ? terms(a) : Terms.because(a.rationale());
        Statement s = w.statement(r, action, actor, terms, a.to(), a.signedAt() != null ? a.signedAt() : Instant.now());
        return new ToSign(Calls.API_VERSION, s, s.canonical());
    }

    private static Terms terms(Act a) {
        return new Terms(a.rationale(), a.duration(), a.permissions(), a.conditions(), a.stipulations());
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest("INVALID_FIELD", field + ": required");
        }
        return value;
    }
}
