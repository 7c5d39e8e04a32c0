package io.countersign.analysis.lint;

import io.countersign.engine.eval.Missing;
import io.countersign.lang.ast.Expr;
import io.countersign.lang.ast.Item;
import io.countersign.lang.ast.Outcome;
import io.countersign.lang.ast.Policy;
import io.countersign.lang.ast.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Every predicate of a policy (scope, risk factors, rules, stage conditions), for the checks that read syntax. */
final class Walk {

    private Walk() {
    }

    static List<Expr> predicates(Policy p) {
        List<Expr> out = new ArrayList<>();
        for (Item item : p.items()) {
            if (item instanceof Item.Scope s) {
                each(s.expr(), out::add);
            } else if (item instanceof Item.RiskFactor r) {
                each(r.when(), out::add);
            } else if (item instanceof Item.Rule r) {
                r.when().ifPresent(w -> each(w, out::add));
                stages(r.outcome(), out);
            } else if (item instanceof Item.Default d) {
                stages(d.outcome(), out);
            }
        }
        return out;
    }

    /** Predicates of rules and stage conditions only: what can read {@code risk}. */
    static boolean readsRisk(Policy p) {
        List<Expr> out = new ArrayList<>();
        for (Item item : p.items()) {
            if (item instanceof Item.Rule r) {
                r.when().ifPresent(w -> each(w, out::add));
                stages(r.outcome(), out);
            } else if (item instanceof Item.Default d) {
                stages(d.outcome(), out);
            }
        }
        return out.stream().anyMatch(Walk::readsRisk);
    }

    private static boolean readsRisk(Expr e) {
        return Missing.paths(e).stream().anyMatch(p -> p.root().equals("risk"));
    }

    private static void stages(Outcome o, List<Expr> out) {
        if (o instanceof Outcome.RequireApproval req) {
            for (Stage s : req.stages()) {
                s.when().ifPresent(w -> each(w, out::add));
            }
        }
    }

    /** Hands each predicate of {@code e} to {@code f}: what is under its connectives. */
    static void each(Expr e, Consumer<Expr> f) {
        e.accept(new Leaves(f));
    }

    /** A new kind of condition fails to compile here until it says whether it is a connective. */
    private record Leaves(Consumer<Expr> f) implements Expr.Leaves {
        @Override
        public Void constant(Expr.Const c) {
            return leaf(c);
        }

        @Override
        public Void has(Expr.Has h) {
            return leaf(h);
        }

        @Override
        public Void inGroup(Expr.InGroup g) {
            return leaf(g);
        }

        @Override
        public Void during(Expr.During d) {
            return leaf(d);
        }

        @Override
        public Void between(Expr.Between b) {
            return leaf(b);
        }

        @Override
        public Void compare(Expr.Compare c) {
            return leaf(c);
        }

        @Override
        public Void in(Expr.In i) {
            return leaf(i);
        }

        @Override
        public Void matches(Expr.Matches m) {
            return leaf(m);
        }

        @Override
        public Void contains(Expr.Contains c) {
            return leaf(c);
        }

        private Void leaf(Expr e) {
            f.accept(e);
            return null;
        }
    }
}
