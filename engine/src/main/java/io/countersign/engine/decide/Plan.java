package io.countersign.engine.decide;

import io.countersign.lang.ast.Clause;
import io.countersign.lang.ast.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule's (or a policy default's) outcome compiled once for {@link CompiledProcedure}: what deciding
 * reads, in a few small objects, with the texts of a decision it makes alone already written.
 * Walking the AST of the matched rule — the rule, its outcome, the clause list, each clause, its
 * literal, the approvers, their names — was a chain of a dozen cold objects per decision at ten
 * thousand rules; this is two or three. The reference procedure ({@link DecisionProcedure}) still
 * walks the AST, and the differential test holds the two to the same evaluations. The parts of a plan:
 * its grants ({@link GrantPlan}), a require approval's stages ({@link RequirePlan}), approver lists
 * ({@link Approvers}).
 */
final class Plan {

    static final int APPROVE = 0;
    static final int DENY = 1;
    static final int REQUIRE = 2;

    /** {@link #flags}: a deny with an {@code appeal to}. */
    static final int APPEALS = 1;
    /** {@link #flags}: {@code allow self-approval}. */
    static final int SELF_APPROVAL = 2;
    /** {@link #flags}: {@code no delegation}. */
    static final int NO_DELEGATION = 4;
    /** {@link #flags}: a stage names a {@code user} (who may be the requester). */
    static final int NAMES_USERS = 8;

    final int kind;
    final int policy;
    /** The place of the rule (or default) in the file order, for sorting several contributions. */
    final int fileOrder;
    final int start;
    final int flags;
    final String id;
    /**
     * The rationale when this plan decides alone: {@code Approved by ID} (approve, and require approval
     * when every stage is dropped), {@code Denied by ID: reason} (deny).
     */
    final String alone;
    final GrantPlan grants;
    /** {@code ID: reason} and the appeals of a deny; null otherwise. */
    final Deny deny;
    /** The stages and workflow settings of a require approval; null otherwise. */
    final RequirePlan require;
    /**
     * Of a require approval, copied here so that the common case reads one object: the stages and
     * rationale when it requires approval alone ({@link RequirePlan#alone}, {@link RequirePlan#pending}), and
     * the shortest {@code expire after}.
     */
    final List<StageRequirement> stages;
    final String pending;
    final Duration expire;

    private Plan(int kind, int policy, int fileOrder, int start, String id, String alone, GrantPlan grants, Deny deny,
            RequirePlan require) {
        this.kind = kind;
        this.policy = policy;
        this.fileOrder = fileOrder;
        this.start = start;
        this.id = id;
        this.alone = alone;
        this.grants = grants;
        this.deny = deny;
        this.require = require;
        int f = 0;
        if (deny != null && deny.appeals.length > 0) {
            f |= APPEALS;
        }
        if (require != null) {
            f |= (require.selfApproval ? SELF_APPROVAL : 0) | (require.noDelegation ? NO_DELEGATION : 0)
                    | (require.users.length > 0 ? NAMES_USERS : 0);
        }
        this.flags = f;
        this.stages = require == null ? null : require.alone;
        this.pending = require == null ? null : require.pending;
        this.expire = require == null ? null : require.expire;
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /**
     * Compiles an outcome.
     *
     * @param stageConditions the numbers of its conditioned stages, in order ({@code PolicySet})
     */
    static Plan of(String id, int policy, int fileOrder, int start, Outcome outcome, List<Integer> stageConditions) {
        List<String> rules = List.of(id);
        if (outcome instanceof Outcome.Deny d) {
            List<Approvers> appeals = new ArrayList<>();
            for (Clause c : d.clauses()) {
                if (c instanceof Clause.Appeal a) {
                    appeals.add(Approvers.of(a.to()));
                }
            }
            String reason = id + ": " + d.reason().value();
            return new Plan(DENY, policy, fileOrder, start, id, "Denied by " + reason, GrantPlan.of(d.clauses()),
                    new Deny(reason, appeals.toArray(new Approvers[0])), null);
        }
        String approved = "Approved by " + id;
        if (outcome instanceof Outcome.RequireApproval req) {
            return new Plan(REQUIRE, policy, fileOrder, start, id, approved, GrantPlan.of(req.clauses()), null,
                    RequirePlan.of(id, rules, req, stageConditions));
        }
        return new Plan(APPROVE, policy, fileOrder, start, id, approved, GrantPlan.of(outcome.clauses()), null, null);
    }

    /** What a deny says: {@code ID: reason}, and who may hear an appeal (one entry per {@code appeal to}). */
    static final class Deny {
        final String reason;
        final Approvers[] appeals;

        Deny(String reason, Approvers[] appeals) {
            this.reason = reason;
            this.appeals = appeals;
        }
    }
}
