package io.countersign.engine.decide;

import java.util.List;

/**
 * The risk of a request: the sum of the factors that hold, clamped to 0–100.
 *
 * @param factors the factors that hold, with their weights
 * @param undetermined factors that could not be evaluated (they add nothing)
 */
public record RiskAssessment(int score, List<Factor> factors, List<String> undetermined) {

    /** A risk factor that holds: {@code policy/name} and its signed weight. */
    public record Factor(String id, int weight) {
    }
}
