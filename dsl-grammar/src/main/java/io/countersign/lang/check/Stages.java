package io.countersign.lang.check;

import io.countersign.lang.ast.Approver;
import io.countersign.lang.ast.Quorum;
import io.countersign.lang.ast.Stage;
import io.countersign.lang.ast.Window;
import io.countersign.lang.diag.Code;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The routing of a request: the stages of {@code require approval}, their quorums, and the approvers a stage,
 * an escalation or an appeal names.
 */
final class Stages {

    private final Findings findings;
    private final Expressions expressions;
    private final Types types;

    Stages(Findings findings, Expressions expressions, Types types) {
        this.findings = findings;
        this.expressions = expressions;
        this.types = types;
    }

    void stage(Stage s, Map<String, Window> windows, int number) {
        approvers(s.approvers());
        s.when().ifPresent(w -> expressions.expr(w, windows, Context.RULE));
        Set<String> users = new HashSet<>();
        boolean group = false;
        for (Approver a : s.approvers()) {
            if (a instanceof Approver.User u) {
                users.add("user:" + u.id().value());
            } else if (a instanceof Approver.FromPath p) {
                users.add("path:" + p.path().text());
            } else if (a instanceof Approver.Group g) {
                group = true;
                if (s.quorum() instanceof Quorum.All) {
                    findings.error(Code.QUORUM, g.loc(), "'all of' needs named users: the members of group \"" + g.name().value()
                            + "\" are not known when the policy is compiled");
                }
            }
        }
        if (s.quorum() instanceof Quorum.Count c) {
            if (c.count() < 1) {
                findings.error(Code.QUORUM, c.loc(), "a stage needs a quorum of at least 1");
            } else if (!group && c.count() > users.size()) {
                findings.error(Code.QUORUM, c.loc(), "stage " + number + " needs " + c.count() + " approvers but names only " + users.size()
                        + (users.size() == 1 ? " user" : " users"));
            }
        }
    }

    void approvers(List<Approver> approvers) {
        for (Approver a : approvers) {
            if (a instanceof Approver.User u && u.id().value().isBlank()) {
                findings.error(Code.BAD_NAME, u.id().loc(), "a user id cannot be empty");
            } else if (a instanceof Approver.Group g && g.name().value().isBlank()) {
                findings.error(Code.BAD_NAME, g.name().loc(), "a group name cannot be empty");
            } else if (a instanceof Approver.FromPath p) {
                Type t = types.path(p.path(), Context.RULE);
                if (t != null && !t.isAny() && t.base() != Type.Base.STRING) {
                    findings.error(Code.APPROVER_PATH, p.path().loc(), "an approver path must name a user id (a string); " + p.path().text()
                            + " is " + t.describe());
                }
            }
        }
    }
}
