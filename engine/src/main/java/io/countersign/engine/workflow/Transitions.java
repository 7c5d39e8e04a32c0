package io.countersign.engine.workflow;

import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.request.InvalidRequestException;
import io.countersign.engine.request.StoredSize;
import io.countersign.engine.signing.Signature;
import io.countersign.engine.signing.Statement;
import java.time.Instant;
import java.util.Objects;

/**
 * The person-taken transitions of a request with their arguments checked (an actor, the texts an act
 * requires), each handed to its class: what {@link Workflow}'s public overloads and {@link Acting} share.
 * A null signature acts unsigned; the public overloads say which by their arity, so that no caller
 * passes null for "unsigned".
 */
final class Transitions {

    private final Parts parts;

    Transitions(Parts parts) {
        this.parts = parts;
    }

    StoredRequest approving(String id, String actor, Terms terms, Signature signature) {
        requireActor(actor);
        return new Approving(parts).approve(id, actor, Objects.requireNonNull(terms, "terms"), signature);
    }

    StoredRequest denying(String id, String actor, Terms terms, Signature signature) {
        requireActor(actor);
        Act.Deny act = (Act.Deny) Act.deny(Objects.requireNonNull(terms, "terms"));
        return new Denying(parts).deny(id, actor, act, signature);
    }

    StoredRequest delegating(String id, String actor, String to, Signature signature) {
        requireActor(actor);
        requireText("to", to);
        StoredSize.name("to", to);
        return new Delegating(parts).delegate(id, actor, to, signature);
    }

    StoredRequest escalating(String id, String actor, String reason, Signature signature) {
        requireActor(actor);
        requireText("reason", reason);
        StoredSize.text("reason", reason);
        return new Escalating(parts).escalate(id, actor, reason, signature);
    }

    StoredRequest cancelling(String id, String actor, Signature signature) {
        requireActor(actor);
        return new Cancelling(parts).cancel(id, actor, signature);
    }

    StoredRequest revoking(String id, String actor, String reason, Signature signature) {
        requireActor(actor);
        requireText("reason", reason);
        StoredSize.text("reason", reason);
        return new Revoking(parts).revoke(id, actor, reason, signature);
    }

    StoredRequest noting(String id, String actor, Act.Note note, Signature signature) {
        requireActor(actor);
        StoredSize.text("text", note.text());
        return new Noting(parts).note(id, actor, note, signature);
    }

    /** The statement {@code actor} signs to take {@code act} on {@code request} ({@link Workflow#statement}). */
    Statement statement(StoredRequest request, String actor, Act act, Instant signedAt) {
        if (act instanceof Act.Note n) {
            return new Noting(parts).statement(parts.writes().verifiedHistory(request.id()), actor, n, signedAt);
        }
        return parts.signing().statement(request, act.action(), actor, act.terms(), act instanceof Act.Delegate d
                ? d.to() : null, signedAt);
    }

    static void requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new InvalidRequestException("actor", "is required: say who acts (--as USER or COUNTERSIGN_USER)");
        }
    }

    static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, "is required");
        }
    }
}
