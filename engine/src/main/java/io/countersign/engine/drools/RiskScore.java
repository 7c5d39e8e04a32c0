package io.countersign.engine.drools;

/**
 * The risk score, inserted once the risk factors have fired: rules and stage conditions that read
 * {@code risk} match on it, so they are evaluated only after the score is known.
 */
public final class RiskScore {

    private final int value;

    public RiskScore(int value) {
        this.value = value;
    }

    public int getValue() {
        return value;
    }
}
