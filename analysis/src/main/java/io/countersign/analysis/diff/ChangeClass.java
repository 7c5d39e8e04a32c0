package io.countersign.analysis.diff;

import java.util.List;
import java.util.Map;

/**
 * A kind of change: what the old set decided and what the new one decides (e.g. "approved at once" →
 * "pending: 2 of group:sre-leads"), with how it changed where the outcome is the same ("quorum
 * raised", "grant widened: duration 4h → 8h"), and examples, each replayed through both sets.
 *
 * @param examples requests, as JSON values; each shows the change
 * @param confirmed false when the evaluators did not see the change the solver claimed (the example
 *     relies on a predicate outside the decidable core)
 */
public record ChangeClass(String before, String after, String how, List<Map<String, Object>> examples,
        List<String> exampleSummaries, int patterns, boolean confirmed) {

    public String title() {
        return before + " → " + after + (how.isEmpty() ? "" : " (" + how + ")");
    }
}
