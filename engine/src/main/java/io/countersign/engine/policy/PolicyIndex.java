package io.countersign.engine.policy;

import io.countersign.engine.compliance.RuleControls;
import io.countersign.engine.policy.PolicySet.PolicyEntry;
import io.countersign.engine.policy.PolicySet.RiskEntry;
import io.countersign.engine.policy.PolicySet.RuleEntry;
import io.countersign.engine.policy.PolicySet.StageEntry;
import io.countersign.lang.ast.Expr;
import io.countersign.lang.ast.Item;
import io.countersign.lang.ast.Outcome;
import io.countersign.lang.ast.Policy;
import io.countersign.lang.ast.Window;
import io.countersign.lang.format.Formatter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Numbers a policy set's parts as its policies are added in file order: each policy, risk factor, rule
 * and stage with a {@code when} takes the next number of its kind, the number evaluators report
 * findings under.
 */
final class PolicyIndex {

    final List<PolicyEntry> policies = new ArrayList<>();
    final List<RiskEntry> riskFactors = new ArrayList<>();
    final List<RuleEntry> rules = new ArrayList<>();
    final List<StageEntry> stages = new ArrayList<>();
    final List<Integer> unscoped = new ArrayList<>();
    final List<Integer> withDefaults = new ArrayList<>();
    /** The rules that name controls, by id: most rules name none, and most decisions look up none. */
    final Map<String, RuleControls> controls = new HashMap<>();

    void add(Policy p) {
        int pi = policies.size();
        Optional<Expr> scope = Optional.empty();
        Optional<Outcome> defaultOutcome = Optional.empty();
        Map<String, Window> windows = new LinkedHashMap<>();
        List<Integer> risks = new ArrayList<>();
        List<Integer> ruleIds = new ArrayList<>();
        boolean unsigned = false;
        Duration startWithin = PolicySet.DEFAULT_START_WITHIN;
        for (Item item : p.items()) {
            if (item instanceof Item.Scope s) {
                scope = Optional.of(s.expr());
            } else if (item instanceof Item.Default d) {
                defaultOutcome = Optional.of(d.outcome());
            } else if (item instanceof Item.WindowDecl w) {
                windows.put(w.name().text(), w.window());
            } else if (item instanceof Item.AllowUnsigned) {
                unsigned = true;
            } else if (item instanceof Item.AllowStartWithin w) {
                startWithin = w.within().value();
            }
        }
        for (Item item : p.items()) {
            if (item instanceof Item.RiskFactor r) {
                risks.add(riskFactors.size());
                riskFactors.add(new RiskEntry(riskFactors.size(), pi, p.name().text() + "/" + r.name().text(), r));
            } else if (item instanceof Item.Rule r) {
                int ri = rules.size();
                ruleIds.add(ri);
                String id = p.name().text() + "/" + r.name().text();
                rules.add(new RuleEntry(ri, pi, id, r, stageConditions(pi, id, r.outcome())));
                List<String> named = new ArrayList<>(new LinkedHashSet<>(r.controls()));
                if (!named.isEmpty()) {
                    controls.put(id, new RuleControls(id, named, r.when().map(Formatter::expr).orElse(null)));
                }
            }
        }
        List<Integer> defaultStages = defaultOutcome.map(o -> stageConditions(pi, p.name().text() + "/default", o))
                .orElse(List.of());
        policies.add(new PolicyEntry(pi, p, scope, defaultOutcome, Map.copyOf(windows), List.copyOf(risks),
                List.copyOf(ruleIds), defaultStages, unsigned, startWithin));
        if (scope.isEmpty()) {
            unscoped.add(pi);
        }
        if (defaultOutcome.isPresent()) {
            withDefaults.add(pi);
        }
    }

    private List<Integer> stageConditions(int policy, String owner, Outcome outcome) {
        List<Integer> conditioned = new ArrayList<>();
        if (outcome instanceof Outcome.RequireApproval req) {
            for (int s = 0; s < req.stages().size(); s++) {
                if (req.stages().get(s).when().isPresent()) {
                    conditioned.add(stages.size());
                    stages.add(new StageEntry(stages.size(), policy, owner, s, req.stages().get(s)));
                }
            }
        }
        return List.copyOf(conditioned);
    }
}
