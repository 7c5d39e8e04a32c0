package io.countersign.engine.eval;

import io.countersign.engine.policy.PolicySet;
import java.util.Arrays;

/**
 * What an evaluator found for one request: the three-valued result of every scope, risk factor,
 * rule and stage condition of the set, by their numbers in {@link PolicySet}, and the risk score.
 * Entries that were not evaluated (a rule of a policy whose scope does not hold) stay
 * {@link Tri#FALSE}; the decision procedure never reads them. Stage conditions of rules that do not
 * decide may hold anything: they are read only for the rules that decide.
 */
public final class Findings {

    private final byte[] scopes;
    private final byte[] risks;
    private final byte[] rules;
    private final byte[] stages;
    // What is not false, so that deciding costs the number of hits, not the size of the set.
    private final Hits scopeHits = new Hits();
    /** Scopes written away from the template, so that a reset restores only them. */
    private final Hits scopeChanges = new Hits();
    private final Hits riskHits = new Hits();
    private final Hits ruleHits = new Hits();
    private final Hits stageHits = new Hits();
    private final byte[] scopeTemplate;
    private int riskScore = -1;

    /** Indices recorded as true or unknown, in the order recorded. */
    public static final class Hits {
        private int[] items = new int[8];
        private int size;

        void clear() {
            size = 0;
        }

        void add(int i) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = i;
        }

        public int size() {
            return size;
        }

        public int get(int n) {
            return items[n];
        }

        /** The indices in ascending order (set order = file order). */
        public int[] sorted() {
            int[] out = Arrays.copyOf(items, size);
            for (int i = 1; i < size; i++) {
                if (out[i - 1] > out[i]) {
                    Arrays.sort(out);
                    break;
                }
            }
            return out;
        }
    }

    public Findings(PolicySet set) {
        // Policies without a scope apply to every request: the set keeps their scopes true in a template.
        scopeTemplate = set.scopeTemplate();
        scopes = scopeTemplate.clone();
        risks = new byte[set.riskFactors().size()];
        rules = new byte[set.rules().size()];
        stages = new byte[set.stageConditions().size()];
    }

    public void scope(int i, int tri) {
        if (tri != Tri.FALSE && scopes[i] == Tri.FALSE) {
            scopeHits.add(i);
        }
        if (scopes[i] == scopeTemplate[i] && tri != scopeTemplate[i]) {
            scopeChanges.add(i);
        }
        scopes[i] = (byte) tri;
    }

    public void risk(int i, int tri) {
        if (tri != Tri.FALSE && risks[i] == Tri.FALSE) {
            riskHits.add(i);
        }
        risks[i] = (byte) tri;
    }

    public void rule(int i, int tri) {
        if (tri != Tri.FALSE && rules[i] == Tri.FALSE) {
            ruleHits.add(i);
        }
        rules[i] = (byte) tri;
    }

    /** Scopes recorded true or unknown (policies without a scope are not listed: they always apply). */
    public Hits scopeHits() {
        return scopeHits;
    }

    /** Risk factors recorded true or unknown. */
    public Hits riskHits() {
        return riskHits;
    }

    /** Rules recorded true or unknown. */
    public Hits ruleHits() {
        return ruleHits;
    }

    public void stage(int i, int tri) {
        if (tri != Tri.FALSE && stages[i] == Tri.FALSE) {
            stageHits.add(i);
        }
        stages[i] = (byte) tri;
    }

    /**
     * Back to the state of new findings, touching only what was recorded: an authorizer reuses one
     * per thread, so that a decision on a set of ten thousand rules does not allocate and clear arrays
     * of ten thousand entries.
     */
    public void reset() {
        for (int n = 0; n < scopeChanges.size(); n++) {
            int i = scopeChanges.get(n);
            scopes[i] = scopeTemplate[i];
        }
        scopeChanges.clear();
        scopeHits.clear();
        clear(risks, riskHits);
        clear(rules, ruleHits);
        clear(stages, stageHits);
        riskScore = -1;
    }

    private static void clear(byte[] values, Hits hits) {
        for (int n = 0; n < hits.size(); n++) {
            values[hits.get(n)] = Tri.FALSE;
        }
        hits.clear();
    }

    public int scope(int i) {
        return scopes[i];
    }

    public int risk(int i) {
        return risks[i];
    }

    public int rule(int i) {
        return rules[i];
    }

    public int stage(int i) {
        return stages[i];
    }

    public boolean riskComputed() {
        return riskScore >= 0;
    }

    public int riskScore() {
        return riskScore;
    }

    /**
     * Sums the weights of the factors that hold in the policies whose scope holds, clamped once to
     * 0–100, and records it: rules and stage conditions that read {@code risk} see this value.
     */
    public int computeRisk(PolicySet set) {
        long sum = 0;
        for (int n = 0; n < riskHits.size(); n++) {
            PolicySet.RiskEntry r = set.riskFactors().get(riskHits.get(n));
            if (scopes[r.policy()] == Tri.TRUE && risks[r.index()] == Tri.TRUE) {
                sum += r.factor().weight();
            }
        }
        riskScore = (int) Math.max(0, Math.min(100, sum));
        return riskScore;
    }

    /** The findings, for failure messages. */
    @Override
    public String toString() {
        return "scopes=" + Arrays.toString(scopes) + " risks=" + Arrays.toString(risks) + " rules="
                + Arrays.toString(rules) + " stages=" + Arrays.toString(stages) + " risk=" + riskScore;
    }
}
