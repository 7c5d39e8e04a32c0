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

    /**
     * A request for {@code profile} (null when the request has none) is about to be validated and
     * evaluated: an implementation may start loading what that evaluation will read, so that the
     * loads overlap with the validation.
     */
    default void expect(String profile) {
    }
}
