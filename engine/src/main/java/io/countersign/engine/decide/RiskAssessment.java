package io.countersign.engine.decide;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The risk of a request: the sum of the factors that hold, clamped to 0–100.
 *
 * @param factors the factors that hold, with their weights
 * @param undetermined factors that could not be evaluated (they add nothing)
 */
public record RiskAssessment(int score, List<Factor> factors, List<String> undetermined) {

    /**
     * The assessment in the seed's shape, as decisions record it: {@code risk_score}, {@code risk_factors}
     * (the ids), {@code weights} (id to weight), and {@code undetermined} when some could not be evaluated.
     */
    public Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("risk_score", score);
        List<String> names = new ArrayList<>();
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (Factor f : factors) {
            names.add(f.id());
            weights.put(f.id(), f.weight());
        }
        out.put("risk_factors", names);
        out.put("weights", weights);
        if (!undetermined.isEmpty()) {
            out.put("undetermined", undetermined);
        }
        return out;
    }

    /** A risk factor that holds: {@code policy/name} and its signed weight. */
    public record Factor(String id, int weight) {
    }
}
