package io.countersign.lang.check;

import io.countersign.lang.ast.Clause;
import io.countersign.lang.ast.Loc;
import io.countersign.lang.ast.Outcome;
import io.countersign.lang.ast.Stage;
import io.countersign.lang.ast.Window;
import io.countersign.lang.diag.Code;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The checks of an outcome ({@code approve}, {@code deny}, {@code require approval}): which clauses it may
 * carry and how often, and each clause's own values; the stages are {@link Stages}'.
 */
final class Outcomes {

    private final Findings findings;
    private final Stages stages;
    private final Types types;
    private final ConditionConflicts conflicts;

    Outcomes(Findings findings, Stages stages, Types types, ConditionConflicts conflicts) {
        this.findings = findings;
        this.stages = stages;
        this.types = types;
        this.conflicts = conflicts;
    }

    private static final Set<Class<? extends Clause>> GRANTS = Set.of(Clause.CapDuration.class,
            Clause.GrantOnly.class, Clause.Review.class, Clause.Condition.class, Clause.Stipulate.class,
            Clause.FollowUp.class, Clause.Renewable.class);
    private static final Set<Class<? extends Clause>> WORKFLOW = Set.of(Clause.Escalate.class, Clause.Expire.class,
            Clause.AllowSelfApproval.class, Clause.NoDelegation.class);
    private static final Set<Class<? extends Clause>> AT_MOST_ONCE = Set.of(Clause.Appeal.class, Clause.Expire.class,
            Clause.AllowSelfApproval.class, Clause.NoDelegation.class, Clause.CapDuration.class,
            Clause.GrantOnly.class, Clause.Review.class, Clause.Renewable.class);

    void outcome(Outcome outcome, Map<String, Window> windows, String ruleId) {
        if (outcome instanceof Outcome.Deny d && d.reason().value().isBlank()) {
            findings.error(Code.EMPTY_TEXT, d.reason().loc(), "a denial needs a reason: the requester reads it");
        } else if (outcome instanceof Outcome.RequireApproval r) {
            int n = 0;
            for (Stage s : r.stages()) {
                stages.stage(s, windows, ++n);
            }
        }
        Map<Class<?>, Loc> seen = new HashMap<>();
        Map<String, Loc> conditionNames = new HashMap<>();
        for (Clause c : outcome.clauses()) {
            String allowed = allowed(outcome, c);
            if (allowed != null) {
                findings.error(Code.CLAUSE_NOT_ALLOWED, c.loc(), allowed);
                continue;
            }
            if (AT_MOST_ONCE.contains(c.getClass())) {
                Loc first = seen.putIfAbsent(c.getClass(), c.loc());
                if (first != null) {
                    findings.error(Code.DUPLICATE, c.loc(), "'" + clauseName(c) + "' is repeated; an outcome has at most one (the first is at "
                            + first.position() + ")");
                }
            }
            clause(c, ruleId, conditionNames);
        }
    }

    /** Why {@code c} does not belong to {@code outcome}, or null when it does. */
    private static String allowed(Outcome outcome, Clause c) {
        boolean grant = GRANTS.contains(c.getClass());
        boolean workflow = WORKFLOW.contains(c.getClass());
        if (outcome instanceof Outcome.Approve) {
            return grant ? null
                    : "'" + clauseName(c) + "' does not apply to 'approve'"
                            + (workflow ? ": it belongs to 'require approval'" : ": it belongs to 'deny'");
        } else if (outcome instanceof Outcome.Deny) {
            return c instanceof Clause.Appeal ? null
                    : "'" + clauseName(c) + "' does not apply to 'deny': a denial carries only 'appeal to'";
        }
        return grant || workflow ? null
                : "'" + clauseName(c) + "' does not apply to 'require approval': it belongs to 'deny'";
    }

    private static final Map<Class<?>, String> CLAUSE_NAMES = Map.ofEntries(
            Map.entry(Clause.Appeal.class, "appeal to"),
            Map.entry(Clause.Escalate.class, "escalate after"),
            Map.entry(Clause.Expire.class, "expire after"),
            Map.entry(Clause.AllowSelfApproval.class, "allow self-approval"),
            Map.entry(Clause.NoDelegation.class, "no delegation"),
            Map.entry(Clause.CapDuration.class, "cap duration"),
            Map.entry(Clause.GrantOnly.class, "grant only"),
            Map.entry(Clause.Review.class, "review after"),
            Map.entry(Clause.Condition.class, "condition"),
            Map.entry(Clause.Stipulate.class, "stipulate"),
            Map.entry(Clause.FollowUp.class, "follow up"),
            Map.entry(Clause.Renewable.class, "renewable"));

    /** The clause's keywords, as messages quote them. */
    static String clauseName(Clause c) {
        return CLAUSE_NAMES.get(c.getClass());
    }

    private void clause(Clause c, String ruleId, Map<String, Loc> conditionNames) {
        if (c instanceof Clause.Appeal a) {
            stages.approvers(a.to());
        } else if (c instanceof Clause.Escalate e) {
            findings.positive(e.after(), "escalate after");
            stages.approvers(e.to());
        } else if (c instanceof Clause.Expire e) {
            findings.positive(e.after(), "expire after");
        } else if (c instanceof Clause.CapDuration cd) {
            findings.positive(cd.cap(), "cap duration");
        } else if (c instanceof Clause.Review r) {
            findings.positive(r.after(), "review after");
        } else if (c instanceof Clause.FollowUp f) {
            findings.positive(f.within(), "follow up");
            if (f.action().value().isBlank()) {
                findings.error(Code.EMPTY_TEXT, f.action().loc(), "a follow-up needs an action");
            }
        } else if (c instanceof Clause.Stipulate s) {
            if (s.text().value().isBlank()) {
                findings.error(Code.EMPTY_TEXT, s.text().loc(), "a stipulation needs text");
            }
        } else if (c instanceof Clause.GrantOnly g) {
            Type t = types.literalType(g.permissions());
            if (g.permissions().elements().isEmpty()) {
                findings.error(Code.GRANT_ONLY, g.permissions().loc(), "'grant only []' grants nothing; use deny instead");
            } else if (t.element() != null && t.element().base() != Type.Base.STRING) {
                findings.error(Code.GRANT_ONLY, g.permissions().loc(), "'grant only' lists permissions as strings, not "
                        + t.element().describe().replaceFirst("^an? ", "") + "s");
            }
        } else if (c instanceof Clause.Condition cn) {
            findings.name(cn.name(), "condition");
            Loc first = conditionNames.putIfAbsent(cn.name().text(), cn.name().loc());
            if (first != null) {
                findings.error(Code.DUPLICATE, cn.name().loc(), "condition '" + cn.name().text() + "' is set twice in one outcome (first at "
                        + first.position() + ")");
                return;
            }
            types.literalType(cn.value());
            Object value = LiteralValues.of(cn.value());
            conflicts.set(cn, value, ruleId);
        }
    }
}
