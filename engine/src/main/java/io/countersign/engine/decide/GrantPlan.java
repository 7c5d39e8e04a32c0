package io.countersign.engine.decide;

import io.countersign.lang.ast.Clause;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The grant clauses of one outcome, combined as {@link Grants#merge} combines them clause by clause:
 * the smallest cap, the {@code grant only} lists intersected in order, conditions with the first value
 * of a name, stipulations without repeats, the follow-ups, the earliest review, whether it says
 * {@code renewable}.
 */
final class GrantPlan {
    static final GrantPlan NONE = new GrantPlan(null, null, Map.of(), List.of(), List.of(), List.of(), null, false);

    final Duration cap;
    final List<String> only;
    final Map<String, Object> conditions;
    final List<String> stipulations;
    final List<String> followUpActions;
    final List<Duration> followUpWithin;
    final Duration review;
    final boolean renewable;

    private GrantPlan(Duration cap, List<String> only, Map<String, Object> conditions, List<String> stipulations,
            List<String> followUpActions, List<Duration> followUpWithin, Duration review, boolean renewable) {
        this.cap = cap;
        this.only = only;
        this.conditions = conditions;
        this.stipulations = stipulations;
        this.followUpActions = followUpActions;
        this.followUpWithin = followUpWithin;
        this.review = review;
        this.renewable = renewable;
    }

    static GrantPlan of(List<Clause> clauses) {
        Duration cap = null;
        List<String> only = null;
        Map<String, Object> conditions = new LinkedHashMap<>();
        Set<String> stipulations = new LinkedHashSet<>();
        List<String> actions = new ArrayList<>();
        List<Duration> within = new ArrayList<>();
        Duration review = null;
        boolean renewable = false;
        boolean any = false;
        for (Clause c : clauses) {
            if (c instanceof Clause.CapDuration cd) {
                cap = cap == null || cd.cap().value().compareTo(cap) < 0 ? cd.cap().value() : cap;
            } else if (c instanceof Clause.GrantOnly g) {
                List<String> list = Grants.strings(g.permissions());
                only = only == null ? list : only.stream().filter(list::contains).toList();
            } else if (c instanceof Clause.Condition cn) {
                conditions.putIfAbsent(cn.name().text(), Grants.json(cn.value()));
            } else if (c instanceof Clause.Stipulate s) {
                stipulations.add(s.text().value());
            } else if (c instanceof Clause.FollowUp f) {
                actions.add(f.action().value());
                within.add(f.within().value());
            } else if (c instanceof Clause.Review r) {
                review = review == null || r.after().value().compareTo(review) < 0 ? r.after().value() : review;
            } else if (c instanceof Clause.Renewable) {
                renewable = true;
            } else {
                continue;
            }
            any = true;
        }
        if (!any) {
            return NONE;
        }
        return new GrantPlan(cap, only, Collections.unmodifiableMap(conditions), List.copyOf(stipulations),
                List.copyOf(actions), List.copyOf(within), review, renewable);
    }
}
