package io.countersign.engine.workflow;

import io.countersign.engine.request.StoredSize;

/**
 * What a person's act may carry, bounded as a submitted request is ({@link StoredSize}): it is kept in
 * a decision or an event and shown with the request for as long as the request is kept. Items of the
 * remarks (consulted parties, evidence, stipulations) are texts of a line each, like names.
 */
final class ActSize {

    private ActSize() {
    }

    /** The terms of an approval or a denial: the rationale, the remarks, the grant's changes. */
    static Terms terms(Terms t) {
        StoredSize.text("rationale", t.rationale());
        StoredSize.text("comments", t.comments());
        StoredSize.names("permissions", t.permissions());
        StoredSize.names("stipulations", t.stipulations());
        StoredSize.names("consultedParties", t.consultedParties());
        StoredSize.names("evidenceProvided", t.evidenceProvided());
        StoredSize.open("conditions", t.conditions());
        return t;
    }
}
