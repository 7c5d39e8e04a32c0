package io.countersign.analysis.diff;

import java.util.List;
import java.util.Map;

/**
 * A kind of change: what the old set decided and what the new one decides (e.g. "approved at once" →
 * "pending: 2 of group:sre-leads"), with how it changed where the outcome is the same ("quorum
 * raised", "grant widened: duration 4h → 8h"), and examples, each replayed through both sets.
 *
 * @param examples requests, as JSON values; each shows the change (both evaluators were asked)
 * @param rulesBefore the rules that decided the first example before; {@code rulesAfter} after
 * @param patterns how many distinct patterns of deciding outcomes fell into this class
 */
public record ChangeClass(String before, String after, String how, List<Map<String, Object>> examples,
        List<String> exampleSummaries, List<String> rulesBefore, List<String> rulesAfter, int patterns) {

    public String title() {
        return before + " → " + after + (how.isEmpty() ? "" : " (" + how + ")");
    }
}
