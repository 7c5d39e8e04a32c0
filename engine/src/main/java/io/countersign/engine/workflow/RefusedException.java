package io.countersign.engine.workflow;

import java.util.Objects;

/**
 * An action the rules do not allow (not eligible, wrong state, would widen a grant). {@link #reason()}
 * is the stable code a program branches on; the message says which rule, in words for the person who
 * tried. The CLI exits 1.
 */
public final class RefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Refusal reason;

    public RefusedException(Refusal reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason);
    }

    /** Why, as a stable code. */
    public Refusal reason() {
        return reason;
    }
}
