package io.countersign.engine.eval;

import io.countersign.engine.policy.PolicySet;
import java.util.Arrays;

/**
 * What an evaluator found for one request: the three-valued result of every scope, risk factor,
 * rule and stage condition of the set, by their numbers in {@link PolicySet}, and the risk score.
 * Entries that were not evaluated (a rule of a policy whose scope does not hold) stay
 * {@link Tri#FALSE}; the decision procedure never reads them.
 */
public final class Findings {

    private final byte[] scopes;
    private final byte[] risks;
    private final byte[] rules;
    private final byte[] stages;
    private int riskScore = -1;

    public Findings(PolicySet set) {
        scopes = new byte[set.policies().size()];
        risks = new byte[set.riskFactors().size()];
        rules = new byte[set.rules().size()];
        stages = new byte[set.stageConditions().size()];
        // A policy without a scope applies to every request.
        for (PolicySet.PolicyEntry p : set.policies()) {
            if (p.scope().isEmpty()) {
                scopes[p.index()] = Tri.TRUE;
            }
        }
    }

    public void scope(int i, int tri) {
        scopes[i] = (byte) tri;
    }

    public void risk(int i, int tri) {
        risks[i] = (byte) tri;
    }

    public void rule(int i, int tri) {
        rules[i] = (byte) tri;
    }

    public void stage(int i, int tri) {
        stages[i] = (byte) tri;
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
        for (PolicySet.RiskEntry r : set.riskFactors()) {
            if (scopes[r.policy()] == Tri.TRUE && risks[r.index()] == Tri.TRUE) {
                sum += r.factor().weight();
            }
        }
        riskScore = (int) Math.max(0, Math.min(100, sum));
        return riskScore;
    }

    /** Same findings (for the differential test's failure messages). */
    @Override
    public String toString() {
        return "scopes=" + Arrays.toString(scopes) + " risks=" + Arrays.toString(risks) + " rules="
                + Arrays.toString(rules) + " stages=" + Arrays.toString(stages) + " risk=" + riskScore;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Findings f && Arrays.equals(scopes, f.scopes) && Arrays.equals(risks, f.risks)
                && Arrays.equals(rules, f.rules) && Arrays.equals(stages, f.stages) && riskScore == f.riskScore;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(rules) * 31 + riskScore;
    }
}
