package io.countersign.engine.workflow;

/**
 * An action the rules do not allow (not eligible, wrong state, would widen a grant). The message says
 * which rule, in words for the person who tried; the CLI exits 1.
 */
public final class RefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RefusedException(String message) {
        super(message);
    }
}
