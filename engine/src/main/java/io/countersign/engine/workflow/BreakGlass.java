package io.countersign.engine.workflow;

import io.countersign.engine.directory.Principal;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.policy.PolicySet;
import io.countersign.lang.ast.Approver;
import io.countersign.lang.ast.Clause;
import io.countersign.lang.ast.Outcome;
import io.countersign.lang.ast.Stage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Break-glass: policy granted at once to a request that names an incident ({@code context.incident}
 * present and not empty), as the report counts break-glass uses. Everyone who could have approved is
 * told: the approvers (every stage's and every escalation's) of each {@code require approval} rule and
 * default of the policies whose rules granted — the routes the request would have taken without the
 * instant rule — minus the requester. A path approver ({@code requester.manager}) is the user the
 * request's attributes name.
 */
public final class BreakGlass {

    private BreakGlass() {
    }

    /**
     * Whether {@code r} (any version of it: what it asked and policy's outcome never change) is a
     * break-glass grant, the requests {@code breakglass.used} is written for at submission.
     */
    public static boolean used(StoredRequest r) {
        Object incident = r.context().get("incident");
        return r.outcome() != null && r.outcome().grants() && r.stages().isEmpty() && incident != null
                && !(incident instanceof String s && s.isBlank());
    }

    /** The inbox keys ({@code group:NAME}, {@code user:ID}) of everyone who could have approved {@code r}, in policy order. */
    static List<String> approvers(PolicySet set, StoredRequest r) {
        Set<String> policies = new LinkedHashSet<>();
        for (String rule : r.rules()) {
            int slash = rule.indexOf('/');
            policies.add(slash < 0 ? rule : rule.substring(0, slash));
        }
        Set<String> out = new LinkedHashSet<>();
        for (PolicySet.PolicyEntry p : set.policies()) {
            if (!policies.contains(p.name())) {
                continue;
            }
            for (int i : p.rules()) {
                add(set.rules().get(i).rule().outcome(), r, out);
            }
            p.defaultOutcome().ifPresent(o -> add(o, r, out));
        }
        out.remove(new Principal.User(r.requester()).key());
        return new ArrayList<>(out);
    }

    private static void add(Outcome o, StoredRequest r, Set<String> out) {
        if (!(o instanceof Outcome.RequireApproval ra)) {
            return;
        }
        for (Stage s : ra.stages()) {
            s.approvers().forEach(a -> key(a, r, out));
        }
        for (Clause c : ra.clauses()) {
            if (c instanceof Clause.Escalate e) {
                e.to().forEach(a -> key(a, r, out));
            }
        }
    }

    private static void key(Approver a, StoredRequest r, Set<String> out) {
        if (a instanceof Approver.User u) {
            out.add(new Principal.User(u.id().value()).key());
        } else if (a instanceof Approver.Group g) {
            out.add(new Principal.Group(g.name().value()).key());
        } else if (a instanceof Approver.FromPath p && p.path().text().startsWith("requester.")
                && r.attributes().get(p.path().text().substring("requester.".length())) instanceof String s
                && !s.isBlank()) {
            out.add(new Principal.User(s).key());
        }
    }
}
