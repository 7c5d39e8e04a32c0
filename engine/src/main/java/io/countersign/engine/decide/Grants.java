package io.countersign.engine.decide;

import io.countersign.engine.eval.Interpreter;
import io.countersign.engine.request.AccessRequest;
import io.countersign.lang.ast.Clause;
import io.countersign.lang.ast.Literal;
import io.countersign.lang.ast.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The grants of the deciding rules merged (LANGUAGE.md "Grants"): the smallest cap, the
 * intersection of {@code grant only} lists, conditions and stipulations united (a condition keeps
 * the first rule's value), the earliest review, renewable only if every rule says so.
 *
 * @param duration the granted duration
 * @param permissions the granted permissions
 * @param narrowedPermissions {@code grant only} removed a requested permission (or the request named none)
 * @param permissionsEmptied {@code grant only} left none of the requested permissions
 * @param conditional a condition, stipulation, follow-up, or a cap that shortened the request applies
 */
public record Grants(Duration duration, List<String> permissions, Map<String, Object> conditions,
        List<String> stipulations, List<Evaluation.FollowUp> followUps, Instant reviewDate, boolean renewable,
        boolean narrowedPermissions, boolean permissionsEmptied, boolean conditional) {

    /** No grants: what a denial carries. */
    static Grants none(AccessRequest r) {
        return new Grants(r.duration(), r.permissions(), Map.of(), List.of(), List.of(), null, false, false, false,
                false);
    }

    static Grants merge(List<Outcome> outcomes, AccessRequest request, Instant at) {
        Duration cap = null;
        List<String> only = null;
        Map<String, Object> conditions = new LinkedHashMap<>();
        Set<String> stipulations = new LinkedHashSet<>();
        Set<Evaluation.FollowUp> followUps = new LinkedHashSet<>();
        Instant review = null;
        boolean renewable = !outcomes.isEmpty();
        for (Outcome o : outcomes) {
            boolean says = false;
            for (Clause c : o.clauses()) {
                if (c instanceof Clause.CapDuration cd) {
                    cap = cap == null || cd.cap().value().compareTo(cap) < 0 ? cd.cap().value() : cap;
                } else if (c instanceof Clause.GrantOnly g) {
                    List<String> list = strings(g.permissions());
                    only = only == null ? list : only.stream().filter(list::contains).toList();
                } else if (c instanceof Clause.Condition cn) {
                    conditions.putIfAbsent(cn.name().text(), json(cn.value()));
                } else if (c instanceof Clause.Stipulate s) {
                    stipulations.add(s.text().value());
                } else if (c instanceof Clause.FollowUp f) {
                    followUps.add(new Evaluation.FollowUp(f.action().value(), at.plus(f.within().value())));
                } else if (c instanceof Clause.Review r) {
                    Instant due = at.plus(r.after().value());
                    review = review == null || due.isBefore(review) ? due : review;
                } else if (c instanceof Clause.Renewable) {
                    says = true;
                }
            }
            renewable &= says;
        }
        Duration duration = request.duration();
        boolean shortened = cap != null && cap.compareTo(duration) < 0;
        if (shortened) {
            duration = cap;
        }
        Narrowed granted = Narrowed.of(request.permissions(), only);
        boolean conditional = !conditions.isEmpty() || !stipulations.isEmpty() || !followUps.isEmpty() || shortened;
        return new Grants(duration, granted.permissions(), Collections.unmodifiableMap(conditions),
                List.copyOf(stipulations), List.copyOf(followUps), review, renewable, granted.narrowed(),
                granted.emptied(), conditional);
    }

    /**
     * The same merge over compiled grants ({@link GrantPlan}, one per deciding rule, in order): what
     * {@link CompiledProcedure} uses, without reading the rules' clauses.
     */
    static Grants mergePlans(List<Plan> plans, AccessRequest request, Instant at) {
        Duration cap = null;
        List<String> only = null;
        Map<String, Object> conditions = null;
        Set<String> stipulations = null;
        Set<Evaluation.FollowUp> followUps = null;
        Instant review = null;
        boolean renewable = !plans.isEmpty();
        for (Plan p : plans) {
            GrantPlan g = p.grants;
            renewable &= g.renewable;
            if (g == GrantPlan.NONE) {
                continue;
            }
            if (g.cap != null) {
                cap = cap == null || g.cap.compareTo(cap) < 0 ? g.cap : cap;
            }
            if (g.only != null) {
                List<String> list = g.only;
                only = only == null ? list : only.stream().filter(list::contains).toList();
            }
            if (!g.conditions.isEmpty()) {
                if (conditions == null) {
                    conditions = new LinkedHashMap<>();
                }
                for (Map.Entry<String, Object> e : g.conditions.entrySet()) {
                    conditions.putIfAbsent(e.getKey(), e.getValue());
                }
            }
            if (!g.stipulations.isEmpty()) {
                if (stipulations == null) {
                    stipulations = new LinkedHashSet<>();
                }
                stipulations.addAll(g.stipulations);
            }
            for (int i = 0; i < g.followUpActions.size(); i++) {
                if (followUps == null) {
                    followUps = new LinkedHashSet<>();
                }
                followUps.add(new Evaluation.FollowUp(g.followUpActions.get(i), at.plus(g.followUpWithin.get(i))));
            }
            if (g.review != null) {
                Instant due = at.plus(g.review);
                review = review == null || due.isBefore(review) ? due : review;
            }
        }
        Duration duration = request.duration();
        boolean shortened = cap != null && cap.compareTo(duration) < 0;
        if (shortened) {
            duration = cap;
        }
        Narrowed granted = Narrowed.of(request.permissions(), only);
        boolean conditional = conditions != null || stipulations != null || followUps != null || shortened;
        return new Grants(duration, granted.permissions(),
                conditions == null ? Map.of() : Collections.unmodifiableMap(conditions),
                stipulations == null ? List.of() : List.copyOf(stipulations),
                followUps == null ? List.of() : List.copyOf(followUps), review, renewable, granted.narrowed(),
                granted.emptied(), conditional);
    }

    /**
     * The requested permissions under the intersection of the {@code grant only} lists ({@code only},
     * null when no rule says it). A request that names none is granted the whole list.
     */
    private record Narrowed(List<String> permissions, boolean narrowed, boolean emptied) {
        static Narrowed of(List<String> requested, List<String> only) {
            if (only == null) {
                return new Narrowed(List.copyOf(requested), false, false);
            }
            if (requested.isEmpty()) {
                return new Narrowed(List.copyOf(only), true, only.isEmpty());
            }
            List<String> kept = requested.stream().filter(only::contains).toList();
            return new Narrowed(kept, kept.size() < requested.size(), kept.isEmpty());
        }
    }

    /** The strings of a {@code grant only} list, each once, in order. */
    static List<String> strings(Literal.ListOf list) {
        List<String> out = new ArrayList<>();
        for (Literal l : list.elements()) {
            if (l instanceof Literal.Str s && !out.contains(s.value())) {
                out.add(s.value());
            }
        }
        return List.copyOf(out);
    }

    /** A condition's value as JSON writes it: durations {@code PT4H}, times {@code 08:00}, dates {@code 2026-03-02}. */
    static Object json(Literal l) {
        if (l instanceof Literal.ListOf list) {
            List<Object> out = new ArrayList<>();
            list.elements().forEach(x -> out.add(json(x)));
            return List.copyOf(out);
        }
        Object v = Interpreter.literal(l);
        return v instanceof java.time.temporal.TemporalAccessor || v instanceof Duration ? v.toString() : v;
    }
}
