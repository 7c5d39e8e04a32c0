package io.countersign.cli.request;

import io.countersign.engine.model.Precedent;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.precedent.PrecedentSummary;

/**
 * A request's precedents for the people who decide it: the counts ("9 similar requests: 8 approved, 1
 * denied"), then each — when, what, by whom, which request, why. Who and why are stored text, escaped
 * ({@link RequestText#t}).
 */
final class PrecedentText {

    private PrecedentText() {
    }

    /** The precedents section of {@code show}; nothing when none were found. */
    static void describe(StoredRequest r, StringBuilder out) {
        if (r.precedents() == null) {
            return;
        }
        out.append("precedents: ").append(PrecedentSummary.of(r.precedents()).headline()).append('\n');
        int w = r.precedents().stream().mapToInt(p -> RequestText.t(p.approver()).length()).max().orElse(0);
        for (Precedent p : r.precedents()) {
            out.append("  ").append(p.decisionDate() == null ? "-" : RequestText.at(p.decisionDate())).append("  ")
                    .append(String.format("%-11s", p.decision())).append("by ")
                    .append(String.format("%-" + w + "s", RequestText.t(p.approver()))).append("  ")
                    .append(RequestText.t(p.requestId()));
            if (p.rationale() != null) {
                out.append(": ").append(RequestText.t(p.rationale()));
            }
            out.append('\n');
        }
    }

    /** The inbox column: "8 approved, 1 denied", or "none". */
    static String column(StoredRequest r) {
        PrecedentSummary s = PrecedentSummary.of(r.precedents());
        return s.count() == 0 ? "none" : s.approved() + " approved, " + s.denied() + " denied";
    }
}
