package io.countersign.server.api;

import io.countersign.engine.workflow.RefusedException;

/** A refusal's stable code, as the engine names it. */
final class RefusalCode {

    private RefusalCode() {
    }

    static String of(RefusedException e) {
        return e.reason().name();
    }
}
