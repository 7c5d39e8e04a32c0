package io.countersign.lsp.symbols;

/** What a declared name names. Ids are {@code policy} for a policy and {@code policy/name} for the rest. */
public enum Kind {
    POLICY("policy"), RULE("rule"), WINDOW("window"), RISK_FACTOR("risk factor");

    private final String label;

    Kind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
