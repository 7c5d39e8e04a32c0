package io.countersign.analysis.encode;

import io.countersign.engine.policy.PolicySet;
import io.countersign.lang.ast.Approver;
import io.countersign.lang.ast.Clause;
import io.countersign.lang.ast.Expr;
import io.countersign.lang.ast.Item;
import io.countersign.lang.ast.Literal;
import io.countersign.lang.ast.Operand;
import io.countersign.lang.ast.Outcome;
import io.countersign.lang.ast.Path;
import io.countersign.lang.ast.Stage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the policy sets under analysis mention: the strings (candidates for group and permission
 * names, and for values), the open paths, and the largest decimal scale. The request space is built
 * from it, once for all the sets compared, so that they are questioned about the same requests.
 */
public final class Vocabulary {

    final Set<String> strings = new LinkedHashSet<>();
    final Set<String> openPaths = new LinkedHashSet<>();
    int decimalScale;

    public static Vocabulary of(Collection<PolicySet> sets) {
        Vocabulary v = new Vocabulary();
        for (PolicySet set : sets) {
            for (PolicySet.PolicyEntry p : set.policies()) {
                for (Item item : p.policy().items()) {
                    v.item(item);
                }
            }
        }
        return v;
    }

    private void item(Item item) {
        if (item instanceof Item.Scope s) {
            expr(s.expr());
        } else if (item instanceof Item.RiskFactor r) {
            expr(r.when());
        } else if (item instanceof Item.Rule r) {
            r.when().ifPresent(this::expr);
            outcome(r.outcome());
        } else if (item instanceof Item.Default d) {
            outcome(d.outcome());
        }
    }

    private void outcome(Outcome o) {
        if (o instanceof Outcome.RequireApproval req) {
            for (Stage s : req.stages()) {
                s.when().ifPresent(this::expr);
                approvers(s.approvers());
            }
        }
        for (Clause c : o.clauses()) {
            if (c instanceof Clause.GrantOnly g) {
                literal(g.permissions());
            } else if (c instanceof Clause.Escalate e) {
                approvers(e.to());
            } else if (c instanceof Clause.Appeal a) {
                approvers(a.to());
            }
        }
    }

    private void approvers(List<Approver> approvers) {
        for (Approver a : approvers) {
            if (a instanceof Approver.User u) {
                strings.add(u.id().value());
            } else if (a instanceof Approver.FromPath fp) {
                path(fp.path());
            }
        }
    }

    void expr(Expr e) {
        e.accept(new Reads());
    }

    /** The strings and paths each kind of condition names: a new kind fails to compile here until it says. */
    private final class Reads implements Expr.Leaves {
        @Override
        public Void has(Expr.Has h) {
            path(h.path());
            return null;
        }

        @Override
        public Void inGroup(Expr.InGroup g) {
            strings.add(g.group().value());
            return null;
        }

        @Override
        public Void during(Expr.During d) {
            return null;
        }

        @Override
        public Void between(Expr.Between b) {
            return null;
        }

        @Override
        public Void compare(Expr.Compare c) {
            operand(c.left());
            operand(c.right());
            return null;
        }

        @Override
        public Void in(Expr.In i) {
            operand(i.left());
            operand(i.right());
            return null;
        }

        @Override
        public Void matches(Expr.Matches m) {
            operand(m.left());
            return null;
        }

        @Override
        public Void contains(Expr.Contains c) {
            operand(c.left());
            operand(c.right());
            return null;
        }
    }

    private void operand(Operand o) {
        if (o instanceof Path p) {
            path(p);
        } else {
            literal((Literal) o);
        }
    }

    private void path(Path p) {
        if (p.root().equals("requester") && !p.fields().isEmpty() || p.root().equals("context")) {
            // parents first: context.a before context.a.b
            List<String> parts = new ArrayList<>();
            parts.add(p.root());
            for (String f : p.fields()) {
                parts.add(f);
                openPaths.add(String.join(".", parts));
            }
            if (p.fields().isEmpty()) {
                openPaths.add("context");
            }
        }
    }

    private void literal(Literal l) {
        if (l instanceof Literal.Str s) {
            strings.add(s.value());
        } else if (l instanceof Literal.Decimal d) {
            decimalScale = Math.max(decimalScale, Math.max(0, d.value().scale()));
        } else if (l instanceof Literal.ListOf list) {
            list.elements().forEach(this::literal);
        }
    }

    public Set<String> strings() {
        return strings;
    }
}
