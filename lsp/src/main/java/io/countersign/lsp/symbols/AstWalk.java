package io.countersign.lsp.symbols;

import io.countersign.lang.ast.Approver;
import io.countersign.lang.ast.Clause;
import io.countersign.lang.ast.Expr;
import io.countersign.lang.ast.Item;
import io.countersign.lang.ast.Name;
import io.countersign.lang.ast.Operand;
import io.countersign.lang.ast.Outcome;
import io.countersign.lang.ast.Path;
import io.countersign.lang.ast.Policy;
import io.countersign.lang.ast.PolicyFile;
import io.countersign.lang.ast.Stage;
import java.util.List;
import java.util.Optional;

/** Visits what the editor's features care about in a file: declarations, paths, window uses, approvers. */
public final class AstWalk {

    /** Called for each thing found, with the policy it is in. */
    public interface Visitor {
        default void declaration(Policy policy, Kind kind, Name name, Object node) {
        }

        default void path(Policy policy, Path path) {
        }

        default void windowUse(Policy policy, Expr.WindowRef.Named use) {
        }

        default void approver(Policy policy, Approver approver) {
        }

        default void inGroup(Policy policy, Expr.InGroup test) {
        }
    }

    private final Visitor v;

    private AstWalk(Visitor v) {
        this.v = v;
    }

    public static void walk(PolicyFile file, Visitor v) {
        AstWalk w = new AstWalk(v);
        for (Policy p : file.policies()) {
            w.policy(p);
        }
    }

    private void policy(Policy p) {
        v.declaration(p, Kind.POLICY, p.name(), p);
        for (Item item : p.items()) {
            if (item instanceof Item.Scope s) {
                expr(p, s.expr());
            } else if (item instanceof Item.Default d) {
                outcome(p, d.outcome());
            } else if (item instanceof Item.WindowDecl w) {
                v.declaration(p, Kind.WINDOW, w.name(), w);
            } else if (item instanceof Item.RiskFactor r) {
                v.declaration(p, Kind.RISK_FACTOR, r.name(), r);
                expr(p, r.when());
            } else if (item instanceof Item.Rule r) {
                v.declaration(p, Kind.RULE, r.name(), r);
                r.when().ifPresent(e -> expr(p, e));
                outcome(p, r.outcome());
            }
        }
    }

    private void outcome(Policy p, Outcome o) {
        if (o instanceof Outcome.RequireApproval r) {
            for (Stage s : r.stages()) {
                approvers(p, s.approvers());
                s.when().ifPresent(e -> expr(p, e));
            }
        }
        for (Clause c : o.clauses()) {
            if (c instanceof Clause.Appeal a) {
                approvers(p, a.to());
            } else if (c instanceof Clause.Escalate e) {
                approvers(p, e.to());
            }
        }
    }

    private void approvers(Policy p, List<Approver> approvers) {
        for (Approver a : approvers) {
            v.approver(p, a);
            if (a instanceof Approver.FromPath f) {
                v.path(p, f.path());
            }
        }
    }

    private void expr(Policy p, Expr e) {
        e.accept(new Exprs(p));
    }

    /** What each kind of condition holds for the editor: a new kind fails to compile here until it is walked. */
    private final class Exprs implements Expr.Leaves {
        private final Policy p;

        Exprs(Policy p) {
            this.p = p;
        }

        @Override
        public Void has(Expr.Has h) {
            v.path(p, h.path());
            return null;
        }

        @Override
        public Void inGroup(Expr.InGroup g) {
            v.inGroup(p, g);
            return null;
        }

        @Override
        public Void during(Expr.During d) {
            return d.window().fold(n -> {
                v.windowUse(p, n);
                return null;
            }, i -> null);
        }

        @Override
        public Void between(Expr.Between b) {
            return null;
        }

        @Override
        public Void compare(Expr.Compare c) {
            operands(p, c.left(), Optional.of(c.right()));
            return null;
        }

        @Override
        public Void in(Expr.In i) {
            operands(p, i.left(), Optional.of(i.right()));
            return null;
        }

        @Override
        public Void matches(Expr.Matches m) {
            operands(p, m.left(), Optional.empty());
            return null;
        }

        @Override
        public Void contains(Expr.Contains c) {
            operands(p, c.left(), Optional.of(c.right()));
            return null;
        }
    }

    private void operands(Policy p, Operand left, Optional<Operand> right) {
        if (left instanceof Path path) {
            v.path(p, path);
        }
        right.filter(Path.class::isInstance).map(Path.class::cast).ifPresent(path -> v.path(p, path));
    }
}
