package io.countersign.engine.reference;

import io.countersign.engine.decide.Decision;
import io.countersign.engine.eval.Facts;
import io.countersign.engine.eval.Interpreter;
import io.countersign.engine.eval.Missing;
import io.countersign.engine.eval.Tri;
import io.countersign.engine.policy.PolicySet;
import io.countersign.lang.ast.Expr;
import io.countersign.lang.ast.Window;
import io.countersign.lang.format.Formatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the {@link Explanation} of an evaluation from the facts it was made on. */
public final class Explainer {

    private final PolicySet set;

    public Explainer(PolicySet set) {
        this.set = set;
    }

    public Explanation explain(Facts f, Decision decision) {
        List<Explanation.PolicyTrace> out = new ArrayList<>();
        for (PolicySet.PolicyEntry p : set.policies()) {
            Explanation.Trace scope = p.scope()
                    .map(s -> trace(p.name() + "/scope", Optional.of(s), p.windows(), f, false))
                    .orElse(new Explanation.Trace(p.name() + "/scope", Explanation.Status.MATCHED, null));
            boolean applies = scope.status() == Explanation.Status.MATCHED;
            List<Explanation.Trace> risks = new ArrayList<>();
            for (int ri : p.riskFactors()) {
                PolicySet.RiskEntry r = set.riskFactors().get(ri);
                risks.add(applies ? trace(r.id(), Optional.of(r.factor().when()), p.windows(), f, false)
                        : new Explanation.Trace(r.id(), Explanation.Status.NOT_EVALUATED, null));
            }
            List<Explanation.Trace> rules = new ArrayList<>();
            for (int ri : p.rules()) {
                PolicySet.RuleEntry r = set.rules().get(ri);
                rules.add(applies ? trace(r.id(), r.rule().when(), p.windows(), f, true)
                        : new Explanation.Trace(r.id(), Explanation.Status.NOT_EVALUATED, null));
            }
            out.add(new Explanation.PolicyTrace(p.name(), scope, risks, rules));
        }
        return new Explanation(decision.evaluation(), decision.record(), out);
    }

    private static Explanation.Trace trace(String id, Optional<Expr> when, Map<String, Window> windows, Facts f,
            boolean rule) {
        if (when.isEmpty()) {
            return new Explanation.Trace(id, Explanation.Status.MATCHED, null);
        }
        int v = Interpreter.eval(when.get(), windows, f);
        if (v == Tri.TRUE) {
            return new Explanation.Trace(id, Explanation.Status.MATCHED, null);
        }
        Expr culprit = Missing.culprit(when.get(), windows, f).orElse(when.get());
        int cv = Interpreter.eval(culprit, windows, f);
        String missing = cv == Tri.UNKNOWN ? Missing.of(culprit, windows, f) : null;
        Explanation.Failure failure = new Explanation.Failure(Formatter.expr(culprit), culprit.loc().position(),
                Tri.name(cv), missing);
        return new Explanation.Trace(id, v == Tri.UNKNOWN ? Explanation.Status.UNDETERMINED
                : Explanation.Status.NOT_MATCHED, failure);
    }
}
