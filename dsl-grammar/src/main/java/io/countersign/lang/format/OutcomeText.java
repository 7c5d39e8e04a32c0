package io.countersign.lang.format;

import io.countersign.lang.ast.Approver;
import io.countersign.lang.ast.Clause;
import io.countersign.lang.ast.Quorum;
import io.countersign.lang.ast.Stage;
import java.util.List;
import java.util.stream.Collectors;

/** The one-line text of an outcome's parts: a stage with its approvers, and each kind of clause. */
final class OutcomeText {

    private OutcomeText() {
    }

    static String stage(Stage s) {
        String quorum = s.quorum() instanceof Quorum.Count c ? c.count() + " of" : "all of";
        return "from " + quorum + " " + approvers(s.approvers()) + s.when().map(w -> " when " + Formatter.expr(w)).orElse("");
    }

    static String clause(Clause c) {
        if (c instanceof Clause.Appeal a) {
            return "appeal to " + approvers(a.to());
        } else if (c instanceof Clause.Escalate e) {
            return "escalate after " + e.after().text() + " to " + approvers(e.to());
        } else if (c instanceof Clause.Expire e) {
            return "expire after " + e.after().text();
        } else if (c instanceof Clause.AllowSelfApproval) {
            return "allow self-approval";
        } else if (c instanceof Clause.NoDelegation) {
            return "no delegation";
        } else if (c instanceof Clause.CapDuration cd) {
            return "cap duration " + cd.cap().text();
        } else if (c instanceof Clause.GrantOnly g) {
            return "grant only " + LiteralText.literal(g.permissions());
        } else if (c instanceof Clause.Review r) {
            return "review after " + r.after().text();
        } else if (c instanceof Clause.Condition cn) {
            return "condition " + cn.name().text() + " = " + LiteralText.literal(cn.value());
        } else if (c instanceof Clause.Stipulate s) {
            return "stipulate " + LiteralText.string(s.text().value());
        } else if (c instanceof Clause.FollowUp f) {
            return "follow up " + LiteralText.string(f.action().value()) + " within " + f.within().text();
        }
        return "renewable";
    }

    private static String approvers(List<Approver> approvers) {
        return approvers.stream().map(a -> {
            if (a instanceof Approver.User u) {
                return "user " + LiteralText.string(u.id().value());
            } else if (a instanceof Approver.Group g) {
                return "group " + LiteralText.string(g.name().value());
            }
            return ((Approver.FromPath) a).path().text();
        }).collect(Collectors.joining(", "));
    }
}
