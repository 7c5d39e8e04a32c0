package io.countersign.engine.eval;

/**
 * Evaluates every condition of a policy set against one request and records the findings in
 * {@link Facts#getFindings()}: scopes and risk factors first, then the risk score, then rules and
 * stage conditions (which may read {@code risk}). Rules and risk factors of policies whose scope does
 * not hold are left {@link Tri#FALSE}; a stage condition is a finding only where its rule decides.
 * Implementations are thread-safe.
 */
public interface Evaluator {
    void evaluate(Facts facts);
}
