package io.countersign.engine.workflow;

import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.signing.Signature;

/**
 * An {@link Act} handed to its transition ({@link Workflow#act}): one case per kind of act, so a new
 * act fails to compile here until it has a transition.
 */
final class Acting implements Act.Cases<StoredRequest> {

    private final Workflow workflow;
    private final String id;
    private final String who;
    /** The actor's signature over the act's statement; null for an unsigned act, as the transitions take it. */
    private final Signature signature;

    Acting(Workflow workflow, String id, Actor actor) {
        this.workflow = workflow;
        this.id = id;
        this.who = actor.user();
        this.signature = actor.signature().orElse(null);
    }

    @Override
    public StoredRequest approve(Act.Approve a) {
        return workflow.approving(id, who, a.terms(), signature);
    }

    @Override
    public StoredRequest deny(Act.Deny d) {
        return workflow.denying(id, who, d.terms(), signature);
    }

    @Override
    public StoredRequest delegate(Act.Delegate d) {
        return workflow.delegating(id, who, d.to(), signature);
    }

    @Override
    public StoredRequest escalate(Act.Escalate e) {
        return workflow.escalating(id, who, e.reason(), signature);
    }

    @Override
    public StoredRequest cancel(Act.Cancel c) {
        return workflow.cancelling(id, who, signature);
    }

    @Override
    public StoredRequest revoke(Act.Revoke r) {
        return workflow.revoking(id, who, r.reason(), signature);
    }

    @Override
    public StoredRequest note(Act.Note n) {
        return workflow.noting(id, who, n, signature);
    }
}
