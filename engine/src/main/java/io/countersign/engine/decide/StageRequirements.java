package io.countersign.engine.decide;

import io.countersign.engine.directory.Principal;
import io.countersign.engine.eval.Facts;
import io.countersign.lang.ast.Approver;
import io.countersign.lang.ast.Clause;
import io.countersign.lang.ast.Outcome.RequireApproval;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stage requirements as both procedures build and show them: approvers and escalations resolved
 * from a rule's AST (the reference's walk; {@link Approvers} is the compiled form), identical stages
 * of several rules merged, and the stages described in a rationale.
 */
final class StageRequirements {

    private StageRequirements() {
    }

    /** Identical stages (same quorum, same approvers) are one, at the first one's place. */
    static List<StageRequirement> merge(List<List<StageRequirement>> byRule) {
        if (byRule.size() == 1 && byRule.get(0).size() == 1) {
            return List.copyOf(byRule.get(0));
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<StageRequirement> out = new ArrayList<>();
        for (List<StageRequirement> stages : byRule) {
            for (StageRequirement s : stages) {
                String key = s.need() + "|" + new java.util.TreeSet<>(s.from());
                Integer at = seen.get(key);
                if (at == null) {
                    seen.put(key, out.size());
                    out.add(s);
                } else {
                    StageRequirement first = out.get(at);
                    List<String> rules = new ArrayList<>(first.rules());
                    s.rules().stream().filter(r -> !rules.contains(r)).forEach(rules::add);
                    List<StageRequirement.Escalation> esc = new ArrayList<>(first.escalations());
                    s.escalations().stream().filter(e -> !esc.contains(e)).forEach(esc::add);
                    out.set(at, new StageRequirement(first.need(), first.from(), List.copyOf(rules), List.copyOf(esc)));
                }
            }
        }
        return List.copyOf(out);
    }

    static List<StageRequirement.Escalation> escalations(RequireApproval req, Facts facts) {
        List<StageRequirement.Escalation> out = new ArrayList<>();
        for (Clause c : req.clauses()) {
            if (c instanceof Clause.Escalate e) {
                List<String> to = approvers(e.to(), facts);
                if (!to.isEmpty()) {
                    out.add(new StageRequirement.Escalation(e.after().value(), to));
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * Approvers as {@code group:NAME} / {@code user:ID}, in order, without repeats; a path approver
     * whose value the request lacks (or that is not a non-blank string) is dropped.
     */
    static List<String> approvers(List<Approver> approvers, Facts facts) {
        Set<String> out = new LinkedHashSet<>();
        for (Approver a : approvers) {
            if (a instanceof Approver.User u) {
                out.add(Principal.user(u.id().value()).key());
            } else if (a instanceof Approver.Group g) {
                out.add(Principal.group(g.name().value()).key());
            } else if (a instanceof Approver.FromPath p) {
                Object v = facts.value(p.path().text());
                if (v instanceof String s && !s.isBlank()) {
                    out.add(Principal.user(s).key());
                }
            }
        }
        return List.copyOf(out);
    }

    static String describe(List<StageRequirement> stages) {
        List<String> parts = new ArrayList<>();
        for (StageRequirement s : stages) {
            parts.add(s.need() + " of " + String.join(", ", s.from()));
        }
        return String.join(", then ", parts);
    }
}
