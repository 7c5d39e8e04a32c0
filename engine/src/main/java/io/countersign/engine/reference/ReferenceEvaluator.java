package io.countersign.engine.reference;

import io.countersign.engine.eval.Evaluator;
import io.countersign.engine.eval.Facts;
import io.countersign.engine.eval.Findings;
import io.countersign.engine.eval.Interpreter;
import io.countersign.engine.eval.Tri;
import io.countersign.engine.policy.PolicySet;

/** A linear scan of the policy set with {@link Interpreter}: simple enough to trust. */
public final class ReferenceEvaluator implements Evaluator {

    private final PolicySet set;

    public ReferenceEvaluator(PolicySet set) {
        this.set = set;
    }

    @Override
    public void evaluate(Facts f) {
        Findings out = f.getFindings();
        for (PolicySet.PolicyEntry p : set.policies()) {
            p.scope().ifPresent(s -> out.scope(p.index(), Interpreter.eval(s, p.windows(), f)));
        }
        for (PolicySet.RiskEntry r : set.riskFactors()) {
            if (out.scope(r.policy()) == Tri.TRUE) {
                out.risk(r.index(), Interpreter.eval(r.factor().when(), set.policies().get(r.policy()).windows(), f));
            }
        }
        out.computeRisk(set);
        for (PolicySet.RuleEntry r : set.rules()) {
            if (out.scope(r.policy()) == Tri.TRUE) {
                PolicySet.PolicyEntry p = set.policies().get(r.policy());
                out.rule(r.index(), r.rule().when().map(w -> Interpreter.eval(w, p.windows(), f)).orElse(Tri.TRUE));
            }
        }
        for (PolicySet.StageEntry s : set.stageConditions()) {
            if (out.scope(s.policy()) == Tri.TRUE) {
                out.stage(s.index(), Interpreter.eval(s.node().when().orElseThrow(),
                        set.policies().get(s.policy()).windows(), f));
            }
        }
    }
}
