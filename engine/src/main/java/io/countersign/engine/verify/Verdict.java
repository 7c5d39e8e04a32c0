package io.countersign.engine.verify;

import io.countersign.engine.model.StoredRequest;
import java.util.List;

/**
 * What a check of a request's record found.
 *
 * @param state the request as its chain of events records it (the request item checked against it);
 *     null when the chain itself is broken
 * @param findings what does not verify, the first broken link first; empty when the record is evidence
 */
public record Verdict(StoredRequest state, List<Finding> findings) {

    public Verdict {
        findings = List.copyOf(findings);
    }

    /** Whether nothing was found. */
    public boolean intact() {
        return findings.isEmpty();
    }

    /** The first finding in words, prefixed by its event when it has one; null when intact. */
    public String reason() {
        if (findings.isEmpty()) {
            return null;
        }
        Finding f = findings.get(0);
        return (f.sequence() == null ? "" : "event " + f.sequence() + ": ") + f.problem();
    }
}
