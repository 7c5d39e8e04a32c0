package io.countersign.engine.workflow;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What an approver says with an approval: why, and how they tighten the grant. Each part may only
 * narrow what policy grants: a shorter duration, fewer permissions, more conditions and stipulations.
 *
 * @param duration a shorter duration, or null
 * @param permissions a subset of the granted permissions, or empty to keep them
 * @param conditions conditions to add (a condition policy set keeps its value)
 */
public record Terms(String rationale, Duration duration, List<String> permissions, Map<String, Object> conditions,
        List<String> stipulations) {

    public static final Terms NONE = new Terms(null, null, List.of(), Map.of(), List.of());

    public Terms {
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
        conditions = conditions == null ? Map.of() : Map.copyOf(conditions);
        stipulations = stipulations == null ? List.of() : List.copyOf(stipulations);
    }

    public static Terms because(String rationale) {
        return new Terms(rationale, null, List.of(), Map.of(), List.of());
    }

    /** The same terms with this reason. */
    public Terms withRationale(String text) {
        return new Terms(text, duration, permissions, conditions, stipulations);
    }

    /** The same terms granting at most {@code d}. */
    public Terms withDuration(Duration d) {
        return new Terms(rationale, java.util.Objects.requireNonNull(d), permissions, conditions, stipulations);
    }

    /** The same terms granting only these of the permissions. */
    public Terms withPermissions(List<String> granted) {
        return new Terms(rationale, duration, granted, conditions, stipulations);
    }

    /** The same terms adding these conditions. */
    public Terms withConditions(Map<String, Object> added) {
        return new Terms(rationale, duration, permissions, added, stipulations);
    }

    /** The same terms adding these stipulations. */
    public Terms withStipulations(List<String> added) {
        return new Terms(rationale, duration, permissions, conditions, added);
    }
}
