package io.countersign.engine.decide;

import io.countersign.engine.directory.Principal;
import io.countersign.engine.eval.Facts;
import io.countersign.lang.ast.Approver;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An approver list as {@link StageRequirements#approvers} resolves it: {@code group:NAME} and
 * {@code user:ID} in order without repeats, a path approver read from the request (and dropped
 * when the request has no non-blank string there). Without path approvers the list is fixed.
 */
final class Approvers {
    /** {@code user:ID} / {@code group:NAME}, or a {@link PathApprover}. */
    private final Object[] items;
    /** The resolved list when no approver is a path; null otherwise. */
    final List<String> fixed;
    /** The ids of the {@code user} approvers, for the self-approval check. */
    final String[] users;
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

    /** A path approver: the user id the request holds at {@code path}. */
    record PathApprover(String path) {
    }
}
