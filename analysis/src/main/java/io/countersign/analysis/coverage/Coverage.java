package io.countersign.analysis.coverage;

import io.countersign.engine.decide.DecisionProcedure;
import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.decide.Outcome;
import io.countersign.engine.directory.Directory;
import io.countersign.engine.eval.Facts;
import io.countersign.engine.eval.Findings;
import io.countersign.engine.eval.Tri;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.reference.ReferenceEvaluator;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.request.RequestValidation;
import io.countersign.lang.ast.Loc;
import io.countersign.lang.ast.Outcome.RequireApproval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Coverage of a policy set by requests (the test cases'): each rule and default is covered when it is
 * among the deciding rules of some case; each risk factor when it holds where its policy applies; each
 * stage when a case is left pending on its rule with the stage kept. Requests are decided by the
 * reference evaluator (with the directory's groups and attributes, as {@code policy test} does).
 */
public final class Coverage {

    /** One thing to reach: {@code kind} rule, default, risk or stage; {@code id} as the explanation names it. */
    public record Item(String kind, String id, Loc loc, boolean covered) {
    }

    /** The items of one policy file. */
    public record FileCoverage(String file, List<Item> items) {
        public long covered() {
            return items.stream().filter(Item::covered).count();
        }

        public double percent() {
            return items.isEmpty() ? 100.0 : 100.0 * covered() / items.size();
        }
    }

    /** Per file, and the outcomes of the set the cases reached. */
    public record Report(List<FileCoverage> files, Set<Outcome> outcomes) {
        public long total() {
            return files.stream().mapToLong(f -> f.items().size()).sum();
        }

        public long covered() {
            return files.stream().mapToLong(FileCoverage::covered).sum();
        }

        public double percent() {
            return total() == 0 ? 100.0 : 100.0 * covered() / total();
        }
    }

    private final PolicySet set;
    private final Directory directory;
    private final boolean[] rules;
    private final boolean[] defaults;
    private final boolean[] risks;
    private final Map<String, boolean[]> stages = new LinkedHashMap<>();
    private final Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);

    public Coverage(PolicySet set, Directory directory) {
        this.set = set;
        this.directory = directory;
        this.rules = new boolean[set.rules().size()];
        this.defaults = new boolean[set.policies().size()];
        this.risks = new boolean[set.riskFactors().size()];
    }

    /** Records what one request reaches; a request that is invalid reaches nothing. */
    public void record(AccessRequest request, Instant clock) {
        AccessRequest r;
        try {
            r = RequestValidation.validate(directory.complete(request));
        } catch (RuntimeException e) {
            return;
        }
        Instant at = r.at() != null ? r.at().toInstant() : clock;
        Facts facts = new Facts(r, at, new Findings(set));
        new ReferenceEvaluator(set).evaluate(facts);
        Findings f = facts.getFindings();
        Evaluation e = new DecisionProcedure(set).decide(r, facts, f, at, "coverage");
        outcomes.add(e.outcome());
        for (PolicySet.RiskEntry x : set.riskFactors()) {
            if (f.scope(x.policy()) == Tri.TRUE && f.risk(x.index()) == Tri.TRUE) {
                risks[x.index()] = true;
            }
        }
        for (String id : e.rules()) {
            for (PolicySet.RuleEntry x : set.rules()) {
                if (x.id().equals(id)) {
                    rules[x.index()] = true;
                    if (e.outcome() == Outcome.PENDING) {
                        stages(x.id(), x.rule().outcome(), x.stageConditions(), f);
                    }
                }
            }
            for (PolicySet.PolicyEntry p : set.policies()) {
                if (id.equals(p.name() + "/default")) {
                    defaults[p.index()] = true;
                    if (e.outcome() == Outcome.PENDING) {
                        stages(id, p.defaultOutcome().orElseThrow(), p.defaultStageConditions(), f);
                    }
                }
            }
        }
    }

    private void stages(String owner, io.countersign.lang.ast.Outcome o, List<Integer> conditions, Findings f) {
        if (!(o instanceof RequireApproval req)) {
            return;
        }
        boolean[] reached = stages.computeIfAbsent(owner, k -> new boolean[req.stages().size()]);
        int conditioned = 0;
        for (int s = 0; s < req.stages().size(); s++) {
            boolean kept = true;
            if (req.stages().get(s).when().isPresent()) {
                kept = f.stage(conditions.get(conditioned++)) != Tri.FALSE;
            }
            reached[s] |= kept;
        }
    }

    public Report report() {
        Map<String, List<Item>> byFile = new LinkedHashMap<>();
        set.files().forEach(pf -> byFile.put(pf.path(), new ArrayList<>()));
        for (PolicySet.PolicyEntry p : set.policies()) {
            List<Item> items = byFile.get(p.policy().loc().file());
            for (int ri : p.riskFactors()) {
                PolicySet.RiskEntry x = set.riskFactors().get(ri);
                items.add(new Item("risk", x.id(), x.factor().loc(), risks[ri]));
            }
            for (int ri : p.rules()) {
                PolicySet.RuleEntry x = set.rules().get(ri);
                items.add(new Item("rule", x.id(), x.rule().loc(), rules[ri]));
                stageItems(items, x.id(), x.rule().outcome());
            }
            p.defaultOutcome().ifPresent(d -> {
                items.add(new Item("default", p.name() + "/default", d.loc(), defaults[p.index()]));
                stageItems(items, p.name() + "/default", d);
            });
        }
        List<FileCoverage> files = new ArrayList<>();
        byFile.forEach((file, items) -> files.add(new FileCoverage(file, List.copyOf(items))));
        return new Report(files, Set.copyOf(outcomes));
    }

    private void stageItems(List<Item> items, String owner, io.countersign.lang.ast.Outcome o) {
        if (o instanceof RequireApproval req && req.stages().size() > 1) {
            boolean[] reached = stages.get(owner);
            for (int s = 0; s < req.stages().size(); s++) {
                items.add(new Item("stage", owner + " stage " + (s + 1), req.stages().get(s).loc(),
                        reached != null && reached[s]));
            }
        }
    }
}
