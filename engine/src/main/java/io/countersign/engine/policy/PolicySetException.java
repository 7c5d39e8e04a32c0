package io.countersign.engine.policy;

import io.countersign.lang.Frontend;

/** A policy set that has errors; the front end's result carries every diagnostic. */
public final class PolicySetException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Frontend.Result result;

    public PolicySetException(Frontend.Result result) {
        super(result.errorCount() + " error(s) in the policy set");
        this.result = result;
    }

    public Frontend.Result result() {
        return result;
    }
}
