package io.countersign.engine.contract;

import io.countersign.engine.signing.Statement.Action;
import io.countersign.engine.workflow.Act;
import io.countersign.engine.workflow.Terms;

/** The act behind a signed action and its terms, for tests that sign any of several actions alike. */
final class Acts {

    private Acts() {
    }

    static Act of(Action action, Terms terms) {
        return switch (action) {
            case APPROVE -> Act.approve(terms);
            case DENY -> Act.deny(terms);
            case ESCALATE -> Act.escalate(terms.rationale());
            case REVOKE -> Act.revoke(terms.rationale());
            case CANCEL -> Act.cancel();
            case SUBMIT, DELEGATE, NOTE, FOLLOW_UP -> throw new IllegalArgumentException(
                    action + " takes more than terms: build its Act");
        };
    }
}
