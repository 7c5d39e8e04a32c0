package io.countersign.lang.check;

/** What a condition may read: {@code risk} is the sum of the factors, so neither a factor nor a scope may. */
enum Context {
    SCOPE("a scope cannot read risk: risk is summed over the policies whose scope holds"),
    RISK_FACTOR("a risk factor cannot read risk: risk is the sum of the risk factors"),
    RULE(null);

    final String riskForbidden;

    Context(String riskForbidden) {
        this.riskForbidden = riskForbidden;
    }
}
