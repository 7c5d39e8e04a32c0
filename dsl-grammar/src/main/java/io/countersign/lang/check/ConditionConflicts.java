package io.countersign.lang.check;

import io.countersign.lang.ast.Clause;
import io.countersign.lang.ast.Loc;
import io.countersign.lang.diag.Code;
import java.util.HashMap;
import java.util.Map;

/**
 * The one check that spans the whole set: a {@code condition} set to different values by two rules, which is
 * a warning, since the first rule's value is the one kept.
 */
final class ConditionConflicts {

    private final Findings findings;
    /** Condition name → where it was first set, for the "different values" warning across the set. */
    private final Map<String, ConditionSite> conditions = new HashMap<>();

    private record ConditionSite(Object value, String ruleId, Loc loc) {
    }

    ConditionConflicts(Findings findings) {
        this.findings = findings;
    }

    /** Records that rule {@code ruleId} sets {@code cn} to {@code value}, warning when another rule set it otherwise. */
    void set(Clause.Condition cn, Object value, String ruleId) {
        ConditionSite site = conditions.putIfAbsent(cn.name().text(),
                new ConditionSite(value, ruleId, cn.loc()));
        if (site != null && !site.value().equals(value)) {
            findings.warning(Code.CONDITION_CONFLICT, cn.value().loc(), "condition '" + cn.name().text() + "' is set to a different value by "
                    + site.ruleId() + " (" + site.loc().position()
                    + "); when both rules decide a request, the first rule's value is kept");
        }
    }
}
