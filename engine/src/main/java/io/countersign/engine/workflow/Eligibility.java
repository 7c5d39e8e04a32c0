package io.countersign.engine.workflow;

import io.countersign.engine.decide.StageRequirement;
import io.countersign.engine.directory.Directory;
import io.countersign.engine.directory.Principal;
import io.countersign.engine.model.StageState;
import io.countersign.engine.model.StoredRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may act on a request: the one place that reads the directory's groups against the principals a
 * stage names, its escalations and its delegations.
 */
final class Eligibility {

    /** Why someone may act on a stage: their authority, and whose place they hold as a delegate (or null). */
    record Eligible(String authority, String onBehalfOf) {
    }

    private final Directory directory;

    Eligibility(Directory directory) {
        this.directory = directory;
    }

    /**
     * Why {@code actor} may decide stage {@code si} of {@code cur} at {@code now}.
     *
     * @throws RefusedException {@link Refusal#OWN_REQUEST} for the requester (unless policy allows
     *     self-approval), {@link Refusal#NOT_ELIGIBLE} for anyone the stage does not name
     */
    Eligible of(StoredRequest cur, StageState stage, int si, String actor, Instant now) {
        if (actor.equals(cur.requester()) && !cur.selfApproval()) {
            throw new RefusedException(Refusal.OWN_REQUEST, actor + " requested this access and may not decide it:"
                    + " nobody approves their own request");
        }
        String delegator = stage.delegates().get(actor);
        if (delegator != null) {
            return new Eligible("delegated-by:" + delegator, delegator);
        }
        if (stage.delegates().containsValue(actor)) {
            throw new RefusedException(Refusal.NOT_ELIGIBLE, actor + " delegated their place in stage " + (si + 1)
                    + " to " + delegateOf(stage, actor));
        }
        Set<String> groups = groupsOf(actor);
        for (String p : stage.from()) {
            if (Principal.admits(p, actor, groups)) {
                return new Eligible(p, null);
            }
        }
        Set<String> escalation = new LinkedHashSet<>(stage.escalatedTo());
        escalation.addAll(due(stage, now));
        for (String p : escalation) {
            if (Principal.admits(p, actor, groups)) {
                return new Eligible("escalation:" + p, null);
            }
        }
        throw new RefusedException(Refusal.NOT_ELIGIBLE, actor + " is not an eligible approver of stage " + (si + 1)
                + " (it needs " + stage.need() + " of " + String.join(", ", stage.from()) + ")");
    }

    /**
     * Who may take back a grant: the requester, anyone who approved it, anyone who could have approved
     * one of its stages; their authority.
     */
    String revoker(StoredRequest cur, String actor) {
        if (actor.equals(cur.requester())) {
            return "requester";
        }
        if (cur.approvers().contains(actor)) {
            return "approver";
        }
        Set<String> groups = groupsOf(actor);
        for (StageState s : cur.stages()) {
            Set<String> principals = new LinkedHashSet<>(s.principals());
            principals.addAll(targets(s));
            for (String p : principals) {
                if (Principal.admits(p, actor, groups)) {
                    return p;
                }
            }
        }
        throw new RefusedException(Refusal.NOT_ELIGIBLE, actor + " may not revoke this grant: only the requester, its"
                + " approvers and those eligible to approve it may");
    }

    /** The inbox keys of a user: themselves and their groups. */
    List<String> principalsOf(String user) {
        List<String> out = new ArrayList<>();
        out.add(Principal.user(user).key());
        groupsOf(user).forEach(g -> out.add(Principal.group(g).key()));
        return out;
    }

    private Set<String> groupsOf(String user) {
        return directory.user(user).map(u -> (Set<String>) new LinkedHashSet<>(u.groups())).orElse(Set.of());
    }

    /** The escalation approvers whose time has come at {@code now}. */
    static List<String> due(StageState stage, Instant now) {
        List<String> out = new ArrayList<>();
        if (stage.openedAt() == null) {
            return out;
        }
        for (StageRequirement.Escalation e : stage.escalations()) {
            if (!now.isBefore(stage.openedAt().plus(e.after()))) {
                e.to().stream().filter(t -> !out.contains(t)).forEach(out::add);
            }
        }
        return out;
    }

    /** Everyone the stage escalates to, whenever. */
    static List<String> targets(StageState stage) {
        List<String> out = new ArrayList<>();
        for (StageRequirement.Escalation e : stage.escalations()) {
            e.to().stream().filter(t -> !out.contains(t)).forEach(out::add);
        }
        return out;
    }

    private static String delegateOf(StageState stage, String delegator) {
        for (Map.Entry<String, String> e : stage.delegates().entrySet()) {
            if (e.getValue().equals(delegator)) {
                return e.getKey();
            }
        }
        return "?";
    }
}
