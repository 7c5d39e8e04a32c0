package io.countersign.analysis.oracle;

import io.countersign.engine.Authorizer;
import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.request.AccessRequest;

/**
 * Replays an example through the reference authorizer (the AST walk that the conformance corpus and
 * the differential test hold to LANGUAGE.md): the solver's claims about an example are shown only
 * when the evaluator agrees with them.
 */
public final class Oracle {

    private final Authorizer reference;

    public Oracle(PolicySet set) {
        this.reference = Authorizer.reference(set);
    }

    public Evaluation evaluate(AccessRequest request) {
        return reference.decide(request);
    }
}
