package io.countersign.analysis.lint;

import io.countersign.lang.ast.Expr;
import io.countersign.lang.ast.Item;
import io.countersign.lang.ast.Operand;
import io.countersign.lang.ast.Outcome;
import io.countersign.lang.ast.Path;
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
        List<Operand> ops = new ArrayList<>();
        if (e instanceof Expr.Compare c) {
            ops.add(c.left());
            ops.add(c.right());
        } else if (e instanceof Expr.In i) {
            ops.add(i.left());
            ops.add(i.right());
        } else if (e instanceof Expr.Contains c) {
            ops.add(c.left());
            ops.add(c.right());
        } else if (e instanceof Expr.Matches m) {
            ops.add(m.left());
        } else if (e instanceof Expr.Has h) {
            ops.add(h.path());
        }
        return ops.stream().anyMatch(o -> o instanceof Path p && p.root().equals("risk"));
    }

    private static void stages(Outcome o, List<Expr> out) {
        if (o instanceof Outcome.RequireApproval req) {
            for (Stage s : req.stages()) {
                s.when().ifPresent(w -> each(w, out::add));
            }
        }
    }

    static void each(Expr e, Consumer<Expr> f) {
        if (e instanceof Expr.And a) {
            a.operands().forEach(x -> each(x, f));
        } else if (e instanceof Expr.Or o) {
            o.operands().forEach(x -> each(x, f));
        } else if (e instanceof Expr.Not n) {
            each(n.operand(), f);
        } else {
            f.accept(e);
        }
    }
}
