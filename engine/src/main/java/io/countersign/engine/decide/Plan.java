package io.countersign.engine.decide;

import io.countersign.engine.directory.Principal;
import io.countersign.engine.eval.Facts;
import io.countersign.lang.ast.Approver;
import io.countersign.lang.ast.Clause;
import io.countersign.lang.ast.Literal;
import io.countersign.lang.ast.Outcome;
import io.countersign.lang.ast.Quorum;
import io.countersign.lang.ast.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rule's (or a policy default's) outcome compiled once for {@link CompiledProcedure}: what deciding
 * reads, in a few small objects, with the texts of a decision it makes alone already written.
 * Walking the AST of the matched rule — the rule, its outcome, the clause list, each clause, its
 * literal, the approvers, their names — was a chain of a dozen cold objects per decision at ten
 * thousand rules; this is two or three. The reference procedure ({@link DecisionProcedure}) still
 * walks the AST, and the differential test holds the two to the same evaluations.
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
    final Grant grants;
    /** {@code ID: reason} and the appeals of a deny; null otherwise. */
    final Deny deny;
    /** The stages and workflow settings of a require approval; null otherwise. */
    final Require require;
    /**
     * Of a require approval, copied here so that the common case reads one object: the stages and
     * rationale when it requires approval alone ({@link Require#alone}, {@link Require#pending}), and
     * the shortest {@code expire after}.
     */
    final List<StageRequirement> stages;
    final String pending;
    final Duration expire;

    private Plan(int kind, int policy, int fileOrder, int start, String id, String alone, Grant grants, Deny deny,
            Require require) {
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
            return new Plan(DENY, policy, fileOrder, start, id, "Denied by " + reason, Grant.of(d.clauses()),
                    new Deny(reason, appeals.toArray(new Approvers[0])), null);
        }
        String approved = "Approved by " + id;
        if (outcome instanceof Outcome.RequireApproval req) {
            return new Plan(REQUIRE, policy, fileOrder, start, id, approved, Grant.of(req.clauses()), null,
                    Require.of(id, rules, req, stageConditions));
        }
        return new Plan(APPROVE, policy, fileOrder, start, id, approved, Grant.of(outcome.clauses()), null, null);
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

    /**
     * An approver list as {@link DecisionProcedure#approvers} resolves it: {@code group:NAME} and
     * {@code user:ID} in order without repeats, a path approver read from the request (and dropped
     * when the request has no non-blank string there). Without path approvers the list is fixed.
     */
    static final class Approvers {
        /** {@code user:ID} / {@code group:NAME}, or a {@link PathApprover}. */
        private final Object[] items;
        /** The resolved list when no approver is a path; null otherwise. */
        final List<String> fixed;
        /** The ids of the {@code user} approvers, for the self-approval check. */
        private final String[] users;
        /** Whether any approver is a group (then a count may exceed the listed approvers). */
        final boolean anyGroup;

        private Approvers(Object[] items, List<String> fixed, String[] users, boolean anyGroup) {
            this.items = items;
            this.fixed = fixed;
            this.users = users;
            this.anyGroup = anyGroup;
        }

        static Approvers of(List<Approver> approvers) {
            List<Object> items = new ArrayList<>();
            Set<String> users = new LinkedHashSet<>();
            boolean paths = false;
            boolean groups = false;
            for (Approver a : approvers) {
                if (a instanceof Approver.User u) {
                    items.add(Principal.user(u.id().value()).key());
                    users.add(u.id().value());
                } else if (a instanceof Approver.Group g) {
                    items.add(Principal.group(g.name().value()).key());
                    groups = true;
                } else if (a instanceof Approver.FromPath p) {
                    items.add(new PathApprover(p.path().text()));
                    paths = true;
                }
            }
            List<String> fixed = null;
            if (!paths) {
                Set<String> out = new LinkedHashSet<>();
                items.forEach(i -> out.add((String) i));
                fixed = List.copyOf(out);
            }
            return new Approvers(items.toArray(), fixed, users.toArray(new String[0]), groups);
        }

        List<String> resolve(Facts facts) {
            if (fixed != null) {
                return fixed;
            }
            Set<String> out = new LinkedHashSet<>();
            for (Object i : items) {
                if (i instanceof PathApprover p) {
                    Object v = facts.value(p.path());
                    if (v instanceof String s && !s.isBlank()) {
                        out.add(Principal.user(s).key());
                    }
                } else {
                    out.add((String) i);
                }
            }
            return List.copyOf(out);
        }

        /** Whether {@code resolved} (this list resolved) names the requester as a user. */
        boolean names(List<String> resolved, String requester) {
            if (fixed != null) {
                for (String u : users) {
                    if (u.equals(requester)) {
                        return true;
                    }
                }
                return false;
            }
            return resolved.contains("user:" + requester);
        }
    }

    /** A path approver: the user id the request holds at {@code path}. */
    record PathApprover(String path) {
    }

    /** One stage: its number (1-based), its condition's number or -1, its quorum ({@code N}, or -1 for all). */
    static final class StagePlan {
        final int number;
        final int condition;
        final int count;
        final Approvers from;

        StagePlan(int number, int condition, int count, Approvers from) {
            this.number = number;
            this.condition = condition;
            this.count = count;
            this.from = from;
        }
    }

    /** {@code escalate after D to ...}. */
    record EscalationPlan(Duration after, Approvers to) {
    }

    /** The stages and workflow settings of a {@code require approval}. */
    static final class Require {
        final StagePlan[] stages;
        final EscalationPlan[] escalations;
        /** The escalations when no target is a path, as {@link DecisionProcedure} lists them; null otherwise. */
        final List<StageRequirement.Escalation> fixedEscalations;
        /** {@code allow self-approval}. */
        final boolean selfApproval;
        /** {@code no delegation}. */
        final boolean noDelegation;
        /** The shortest {@code expire after}; null when none. */
        final Duration expire;
        /** The rule's id as a list: the {@code rules} of its stages. */
        final List<String> rules;
        /**
         * When no stage has a condition and no approver is a path: the merged stages and the rationale of
         * this rule requiring approval alone, provided the requester is none of {@link #users} (or may
         * approve). Null otherwise, and when a stage can never be approved (the procedure says why).
         */
        final List<StageRequirement> alone;
        final String pending;
        /** The ids of every {@code user} approver of the stages. */
        private final String[] users;

        private Require(StagePlan[] stages, EscalationPlan[] escalations, List<StageRequirement.Escalation> fixedEscalations,
                boolean selfApproval, boolean noDelegation, Duration expire, List<String> rules,
                List<StageRequirement> alone, String pending, String[] users) {
            this.stages = stages;
            this.escalations = escalations;
            this.fixedEscalations = fixedEscalations;
            this.selfApproval = selfApproval;
            this.noDelegation = noDelegation;
            this.expire = expire;
            this.rules = rules;
            this.alone = alone;
            this.pending = pending;
            this.users = users;
        }

        static Require of(String id, List<String> rules, Outcome.RequireApproval req, List<Integer> stageConditions) {
            boolean self = false;
            boolean noDelegation = false;
            Duration expire = null;
            List<EscalationPlan> escalations = new ArrayList<>();
            boolean fixedTargets = true;
            for (Clause c : req.clauses()) {
                if (c instanceof Clause.Expire e) {
                    expire = expire == null ? e.after().value() : DecisionProcedure.min(expire, e.after().value());
                } else if (c instanceof Clause.AllowSelfApproval) {
                    self = true;
                } else if (c instanceof Clause.NoDelegation) {
                    noDelegation = true;
                } else if (c instanceof Clause.Escalate e) {
                    Approvers to = Approvers.of(e.to());
                    fixedTargets &= to.fixed != null;
                    escalations.add(new EscalationPlan(e.after().value(), to));
                }
            }
            List<StageRequirement.Escalation> fixedEscalations = null;
            if (fixedTargets) {
                List<StageRequirement.Escalation> out = new ArrayList<>();
                for (EscalationPlan e : escalations) {
                    if (!e.to().fixed.isEmpty()) {
                        out.add(new StageRequirement.Escalation(e.after(), e.to().fixed));
                    }
                }
                fixedEscalations = List.copyOf(out);
            }
            List<StagePlan> stages = new ArrayList<>();
            Set<String> users = new LinkedHashSet<>();
            boolean fixed = fixedEscalations != null;
            int conditioned = 0;
            for (int s = 0; s < req.stages().size(); s++) {
                Stage stage = req.stages().get(s);
                int condition = stage.when().isPresent() ? stageConditions.get(conditioned++) : -1;
                int count = stage.quorum() instanceof Quorum.Count n ? n.count() : -1;
                Approvers from = Approvers.of(stage.approvers());
                stages.add(new StagePlan(s + 1, condition, count, from));
                fixed &= condition < 0 && from.fixed != null;
                Collections.addAll(users, from.users);
            }
            List<StageRequirement> alone = null;
            String pending = null;
            if (fixed) {
                List<StageRequirement> resolved = new ArrayList<>();
                for (StagePlan s : stages) {
                    int need = s.count >= 0 ? s.count : s.from.fixed.size();
                    if (s.from.fixed.isEmpty() || s.count >= 0 && !s.from.anyGroup && need > s.from.fixed.size()) {
                        resolved = null; // never approvable: the procedure denies, and says why
                        break;
                    }
                    resolved.add(new StageRequirement(need, s.from.fixed, rules, fixedEscalations));
                }
                if (resolved != null) {
                    alone = DecisionProcedure.merge(List.of(resolved));
                    pending = "Requires approval: " + DecisionProcedure.describe(alone);
                }
            }
            return new Require(stages.toArray(new StagePlan[0]), escalations.toArray(new EscalationPlan[0]),
                    fixedEscalations, self, noDelegation, expire, rules, alone, pending, users.toArray(new String[0]));
        }

        /** Whether the requester is among the stages' {@code user} approvers (a path approver aside). */
        boolean namesUser(String requester) {
            for (String u : users) {
                if (u.equals(requester)) {
                    return true;
                }
            }
            return false;
        }

        List<StageRequirement.Escalation> escalations(Facts facts) {
            if (fixedEscalations != null) {
                return fixedEscalations;
            }
            List<StageRequirement.Escalation> out = new ArrayList<>();
            for (EscalationPlan e : escalations) {
                List<String> to = e.to().resolve(facts);
                if (!to.isEmpty()) {
                    out.add(new StageRequirement.Escalation(e.after(), to));
                }
            }
            return List.copyOf(out);
        }
    }

    /**
     * The grant clauses of one outcome, combined as {@link Grants#merge} combines them clause by clause:
     * the smallest cap, the {@code grant only} lists intersected in order, conditions with the first value
     * of a name, stipulations without repeats, the follow-ups, the earliest review, whether it says
     * {@code renewable}.
     */
    static final class Grant {
        static final Grant NONE = new Grant(null, null, Map.of(), List.of(), List.of(), List.of(), null, false);

        final Duration cap;
        final List<String> only;
        final Map<String, Object> conditions;
        final List<String> stipulations;
        final List<String> followUpActions;
        final List<Duration> followUpWithin;
        final Duration review;
        final boolean renewable;

        private Grant(Duration cap, List<String> only, Map<String, Object> conditions, List<String> stipulations,
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

        static Grant of(List<Clause> clauses) {
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
            return new Grant(cap, only, Collections.unmodifiableMap(conditions), List.copyOf(stipulations),
                    List.copyOf(actions), List.copyOf(within), review, renewable);
        }
    }
}
