package io.countersign.engine.eval;

import io.countersign.engine.policy.PolicySet;
import io.countersign.lang.ast.Expr;
import io.countersign.lang.ast.Window;
import java.util.Map;

/**
 * The conditions of a policy set compiled into {@link CompiledCondition} trees — the same trees the
 * Drools rules evaluate for what is not a plain constraint — and scanned in order: no knowledge base to
 * build, so a one-shot process (a CLI command, the editor, re-deciding an archived policy set) pays
 * microseconds, not a second, before its first decision. Deciding costs the number of conditions, not
 * the number of hits; serving processes use the Drools evaluator.
 */
public final class ScanEvaluator implements Evaluator {

    private final PolicySet set;
    /** By number in the set; null where a policy has no scope (it always applies). */
    private final CompiledCondition[] scopes;
    private final CompiledCondition[] risks;
    /** Null where a rule has no {@code when} (it always holds). */
    private final CompiledCondition[] rules;
    private final CompiledCondition[] stages;

    public ScanEvaluator(PolicySet set) {
        this.set = set;
        this.scopes = new CompiledCondition[set.policies().size()];
        for (PolicySet.PolicyEntry p : set.policies()) {
            scopes[p.index()] = p.scope().map(s -> CompiledCondition.of(s, p.windows())).orElse(null);
        }
        this.risks = new CompiledCondition[set.riskFactors().size()];
        for (PolicySet.RiskEntry r : set.riskFactors()) {
            risks[r.index()] = compile(r.factor().when(), r.policy());
        }
        this.rules = new CompiledCondition[set.rules().size()];
        for (PolicySet.RuleEntry r : set.rules()) {
            rules[r.index()] = r.rule().when().map(w -> compile(w, r.policy())).orElse(null);
        }
        this.stages = new CompiledCondition[set.stageConditions().size()];
        for (PolicySet.StageEntry s : set.stageConditions()) {
            stages[s.index()] = compile(s.node().when().orElseThrow(), s.policy());
        }
    }

    private CompiledCondition compile(Expr e, int policy) {
        Map<String, Window> windows = set.policies().get(policy).windows();
        return CompiledCondition.of(e, windows);
    }

    @Override
    public void evaluate(Facts f) {
        Findings out = f.getFindings();
        for (int i = 0; i < scopes.length; i++) {
            if (scopes[i] != null) {
                out.scope(i, scopes[i].eval(f));
            }
        }
        for (PolicySet.RiskEntry r : set.riskFactors()) {
            if (out.scope(r.policy()) == Tri.TRUE) {
                out.risk(r.index(), risks[r.index()].eval(f));
            }
        }
        out.computeRisk(set);
        for (PolicySet.RuleEntry r : set.rules()) {
            if (out.scope(r.policy()) == Tri.TRUE) {
                CompiledCondition when = rules[r.index()];
                out.rule(r.index(), when == null ? Tri.TRUE : when.eval(f));
            }
        }
        for (PolicySet.StageEntry s : set.stageConditions()) {
            if (out.scope(s.policy()) == Tri.TRUE) {
                out.stage(s.index(), stages[s.index()].eval(f));
            }
        }
    }
}
