package io.countersign.engine.workflow;

import io.countersign.engine.model.StoredRequest;

import io.countersign.engine.request.InvalidRequestException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * An approver's terms applied to the grant: narrower is allowed, wider is refused. What an approval
 * leaves is also what its approver signs ({@link io.countersign.engine.signing.Statement#grant()}).
 *
 * @param addedConditions the conditions the terms added (a condition policy set keeps its value)
 * @param narrowed whether fewer permissions are granted than before
 * @param tightened whether the duration, conditions or stipulations were tightened
 */
record Tightening(StoredRequest.Grant grant, Map<String, Object> addedConditions, boolean narrowed,
        boolean tightened) {

    static Tightening of(StoredRequest.Grant g, Terms t) {
        Duration duration = g.duration();
        boolean tightened = false;
        if (t.duration() != null) {
            if (t.duration().isNegative() || t.duration().isZero()) {
                throw new InvalidRequestException("duration", "must be longer than zero");
            }
            if (t.duration().compareTo(g.duration()) > 0) {
                throw new RefusedException(Refusal.WIDENS_GRANT, "cannot widen the grant: the duration may be at most "
                        + io.countersign.lang.parse.DurationText.format(g.duration()));
            }
            tightened = t.duration().compareTo(g.duration()) < 0;
            duration = t.duration();
        }
        List<String> permissions = g.permissions();
        boolean narrowed = false;
        if (!t.permissions().isEmpty()) {
            for (String p : t.permissions()) {
                if (!g.permissions().isEmpty() && !g.permissions().contains(p)) {
                    throw new RefusedException(Refusal.WIDENS_GRANT, "cannot widen the grant: '" + p + "' is not among the granted"
                            + " permissions " + g.permissions());
                }
            }
            narrowed = g.permissions().isEmpty() || !t.permissions().containsAll(g.permissions());
            permissions = List.copyOf(new LinkedHashSet<>(t.permissions()));
        }
        Map<String, Object> conditions = new LinkedHashMap<>(g.conditions());
        Map<String, Object> added = new LinkedHashMap<>();
        for (Map.Entry<String, Object> c : t.conditions().entrySet()) {
            Object had = conditions.get(c.getKey());
            if (had != null && !had.equals(c.getValue())) {
                throw new RefusedException(Refusal.WIDENS_GRANT, "cannot change the condition '" + c.getKey() + "' policy set to "
                        + had);
            }
            if (had == null) {
                conditions.put(c.getKey(), c.getValue());
                added.put(c.getKey(), c.getValue());
            }
        }
        List<String> stipulations = StoredRequest.union(g.stipulations(), t.stipulations());
        tightened |= !added.isEmpty() || stipulations.size() > g.stipulations().size();
        return new Tightening(new StoredRequest.Grant(duration, permissions, conditions, stipulations, g.followUps(),
                g.reviewAfter(), g.renewable()), added, narrowed, tightened);
    }
}
