package io.countersign.engine.eval;

import io.countersign.engine.policy.PolicySet;
import io.countersign.lang.ast.Expr;
import java.util.Optional;

/**
 * The conditions of a policy set compiled into {@link CompiledCondition} trees — the same trees the
 * Drools rules evaluate for what is not a plain constraint — and scanned in order: no knowledge base to
 * build, so a one-shot process (a CLI command, the editor, re-deciding an archived policy set) pays
 * nothing before its first decision. Each condition is compiled when a request first reaches it (a
 * command deciding once compiles only its profile's policies); deciding costs the number of conditions
 * reached, not the number of hits: serving processes use the Drools evaluator.
 */
public final class ScanEvaluator implements Evaluator {

    /** What a missing {@code when} or scope means: it holds. */
    private static final CompiledCondition HOLDS = new CompiledCondition.Constant(Tri.TRUE);

    private final PolicySet set;
    // By number in the set, compiled on first use. A race compiles a condition twice, to equal trees:
    // they are immutable (final fields), so a tree another thread wrote is seen whole.
    private final CompiledCondition[] scopes;
    private final CompiledCondition[] risks;
    private final CompiledCondition[] rules;
    private final CompiledCondition[] stages;

    public ScanEvaluator(PolicySet set) {
        this.set = set;
        this.scopes = new CompiledCondition[set.policies().size()];
        this.risks = new CompiledCondition[set.riskFactors().size()];
        this.rules = new CompiledCondition[set.rules().size()];
        this.stages = new CompiledCondition[set.stageConditions().size()];
    }

    @Override
    public void evaluate(Facts f) {
        Findings out = f.getFindings();
        for (PolicySet.PolicyEntry p : set.policies()) {
            if (p.scope().isPresent()) {
                out.scope(p.index(), condition(scopes, p.index(), p.scope(), p.index()).eval(f));
            }
        }
        for (PolicySet.RiskEntry r : set.riskFactors()) {
            if (out.scope(r.policy()) == Tri.TRUE) {
                out.risk(r.index(), condition(risks, r.index(), Optional.of(r.factor().when()), r.policy()).eval(f));
            }
        }
        out.computeRisk(set);
        for (PolicySet.RuleEntry r : set.rules()) {
            if (out.scope(r.policy()) == Tri.TRUE) {
                out.rule(r.index(), condition(rules, r.index(), r.rule().when(), r.policy()).eval(f));
            }
        }
        for (PolicySet.StageEntry s : set.stageConditions()) {
            if (out.scope(s.policy()) == Tri.TRUE) {
                out.stage(s.index(), condition(stages, s.index(), s.node().when(), s.policy()).eval(f));
            }
        }
    }

    private CompiledCondition condition(CompiledCondition[] compiled, int i, Optional<Expr> when, int policy) {
        CompiledCondition c = compiled[i];
        if (c == null) {
            c = when.map(w -> CompiledCondition.of(w, set.policies().get(policy).windows())).orElse(HOLDS);
            compiled[i] = c;
        }
        return c;
    }
}
