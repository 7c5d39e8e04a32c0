package io.countersign.engine.verify;

import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.event.Event;
import io.countersign.engine.seal.Sealer;
import io.countersign.engine.store.History;
import java.util.List;

/**
 * Whether every item of a request's record carries the service's seal: the request item, each stored
 * decision, each event, in that order. Without seal keys nothing is checked.
 */
final class Seals {

    private Seals() {
    }

    static void check(Sealer sealer, History h, List<Finding> out) {
        if (!sealer.sealing()) {
            return;
        }
        String p = sealer.check(h.request());
        if (p != null) {
            out.add(Finding.of("the request: " + p));
        }
        for (ApprovalDecision d : h.decisions()) {
            String q = sealer.check(d);
            if (q != null) {
                out.add(Finding.of("decision " + d.decisionId() + ": " + q));
            }
        }
        for (Event e : h.events()) {
            String q = sealer.check(e);
            if (q != null) {
                out.add(new Finding(e.sequence(), e.id(), q));
            }
        }
    }
}
