package io.countersign.engine.workflow;

import io.countersign.engine.request.InvalidRequestException;
import io.countersign.engine.signing.Statement.Action;
import java.util.Objects;

/**
 * What a person does to a request, with what the action needs: an approval its terms, a denial,
 * escalation or revocation its reason, a delegation its delegate. The same value names the action to
 * take and the statement its actor signs.
 */
public sealed interface Act {

    /** The action as a signed statement names it. */
    Action action();

    /** The terms the statement covers: an approval's own, the reason of the others. */
    Terms terms();

    /** Hands this act to the case of {@code cases} that takes it: a new kind of act fails to compile until handled. */
    <T> T accept(Cases<T> cases);

    /** One case per kind of act (Java 17 has no pattern switch: this is its exhaustive switch). */
    interface Cases<T> {
        T approve(Approve a);

        T deny(Deny d);

        T delegate(Delegate d);

        T escalate(Escalate e);

        T cancel(Cancel c);

        T revoke(Revoke r);

        T note(Note n);
    }

    static Act approve(Terms terms) {
        return new Approve(terms);
    }

    static Act deny(String reason) {
        return new Deny(Terms.because(reason));
    }

    /** A denial with its remarks: {@code terms} names the rationale and may carry no grant change. */
    static Act deny(Terms terms) {
        return new Deny(terms);
    }

    static Act delegate(String to) {
        return new Delegate(to);
    }

    static Act escalate(String reason) {
        return new Escalate(reason);
    }

    static Act cancel() {
        return new Cancel();
    }

    static Act revoke(String reason) {
        return new Revoke(reason);
    }

    /** An auditor's note on the request's newest decision. */
    static Act note(String text) {
        return new Note(null, text);
    }

    /** An auditor's note on decision {@code decisionId} of the request (null: its newest decision). */
    static Act note(String decisionId, String text) {
        return new Note(decisionId, text);
    }

    record Approve(Terms terms) implements Act {
        public Approve {
            Objects.requireNonNull(terms, "terms");
        }

        @Override
        public <T> T accept(Cases<T> cases) {
            return cases.approve(this);
        }

        @Override
        public Action action() {
            return Action.APPROVE;
        }
    }

    /** A denial: its terms are the rationale (required) and the decider's remarks, never a grant change. */
    record Deny(Terms terms) implements Act {
        public Deny {
            Objects.requireNonNull(terms, "terms");
            requireText("rationale", terms.rationale());
            if (terms.changesGrant()) {
                throw new InvalidRequestException("terms", "a denial changes no grant: it takes a rationale and"
                        + " remarks (comments, confidence, consulted parties, evidence) only");
            }
        }

        /** Why the request is denied. */
        public String reason() {
            return terms.rationale();
        }

        @Override
        public <T> T accept(Cases<T> cases) {
            return cases.deny(this);
        }

        @Override
        public Action action() {
            return Action.DENY;
        }
    }

    record Delegate(String to) implements Act {
        public Delegate {
            requireText("to", to);
        }

        @Override
        public <T> T accept(Cases<T> cases) {
            return cases.delegate(this);
        }

        @Override
        public Action action() {
            return Action.DELEGATE;
        }

        @Override
        public Terms terms() {
            return Terms.NONE;
        }
    }

    record Escalate(String reason) implements Act {
        public Escalate {
            requireText("reason", reason);
        }

        @Override
        public <T> T accept(Cases<T> cases) {
            return cases.escalate(this);
        }

        @Override
        public Action action() {
            return Action.ESCALATE;
        }

        @Override
        public Terms terms() {
            return Terms.because(reason);
        }
    }

    record Cancel() implements Act {
        @Override
        public <T> T accept(Cases<T> cases) {
            return cases.cancel(this);
        }

        @Override
        public Action action() {
            return Action.CANCEL;
        }

        @Override
        public Terms terms() {
            return Terms.NONE;
        }
    }

    record Revoke(String reason) implements Act {
        public Revoke {
            requireText("reason", reason);
        }

        @Override
        public <T> T accept(Cases<T> cases) {
            return cases.revoke(this);
        }

        @Override
        public Action action() {
            return Action.REVOKE;
        }

        @Override
        public Terms terms() {
            return Terms.because(reason);
        }
    }

    /**
     * An auditor's annotation, made later: a signed, chained event of its own that changes nothing of the
     * request and edits no decision. Its text is the statement's rationale.
     *
     * @param decisionId the decision annotated; null for the request's newest decision
     */
    record Note(String decisionId, String text) implements Act {
        public Note {
            requireText("text", text);
            if (decisionId != null && decisionId.isBlank()) {
                throw new InvalidRequestException("decision", "is blank: name a decision of the request, or none for"
                        + " its newest");
            }
        }

        @Override
        public <T> T accept(Cases<T> cases) {
            return cases.note(this);
        }

        @Override
        public Action action() {
            return Action.NOTE;
        }

        @Override
        public Terms terms() {
            return Terms.because(text);
        }
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, "is required");
        }
    }
}
