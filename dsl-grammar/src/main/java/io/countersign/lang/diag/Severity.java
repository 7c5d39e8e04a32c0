package io.countersign.lang.diag;

/** Errors stop a policy set from being used; warnings are printed and let it through. */
public enum Severity {
    ERROR("error"), WARNING("warning");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
