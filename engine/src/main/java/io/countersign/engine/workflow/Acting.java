package io.countersign.engine.workflow;

import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.signing.Signature;

/**
 * An {@link Act} handed to its transition ({@link Workflow#act}): one case per kind of act, so a new
 * act fails to compile here until it has a transition.
 */
final class Acting implements Act.Cases<StoredRequest> {

    private final Transitions transitions;
    private final String id;
    private final String who;
    /** The actor's signature over the act's statement; null for an unsigned act, as the transitions take it. */
    private final Signature signature;

    Acting(Transitions transitions, String id, Actor actor) {
        this.transitions = transitions;
        this.id = id;
        this.who = actor.user();
        this.signature = actor.signature().orElse(null);
    }

    @Override
    public StoredRequest approve(Act.Approve a) {
        return transitions.approving(id, who, a.terms(), signature);
    }

    @Override
    public StoredRequest deny(Act.Deny d) {
        return transitions.denying(id, who, d.terms(), signature);
    }

    @Override
    public StoredRequest delegate(Act.Delegate d) {
        return transitions.delegating(id, who, d.to(), signature);
    }

    @Override
    public StoredRequest escalate(Act.Escalate e) {
        return transitions.escalating(id, who, e.reason(), signature);
    }

    @Override
    public StoredRequest cancel(Act.Cancel c) {
        return transitions.cancelling(id, who, signature);
    }

    @Override
    public StoredRequest revoke(Act.Revoke r) {
        return transitions.revoking(id, who, r.reason(), signature);
    }

    @Override
    public StoredRequest note(Act.Note n) {
        return transitions.noting(id, who, n, signature);
    }
}
