package io.countersign.engine;

import io.countersign.engine.policy.PolicySet;
import io.countersign.lang.diag.Diagnostic;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Countersign#reload()} did: swapped a policy set in that checks clean, or kept the one in
 * use and says why.
 *
 * @param applied whether the new policy set is now in use
 * @param policyVersion the digest of the policy set in use after the reload (the old one when not applied)
 * @param diagnostics every diagnostic of the new policies: errors when not applied, warnings otherwise
 * @param report the diagnostics as {@code policy check} prints them (file:line:column and a caret), or
 *     the file that could not be read; empty when applied without warnings
 */
public record Reload(boolean applied, String policyVersion, List<Diagnostic> diagnostics, String report) {

    public Reload {
        Objects.requireNonNull(policyVersion, "policyVersion");
        diagnostics = List.copyOf(diagnostics);
        Objects.requireNonNull(report, "report");
    }

    /** {@code set} is in use now; the report holds its warnings, if any. */
    static Reload applied(PolicySet set) {
        List<Diagnostic> warnings = set.frontend().diagnostics();
        return new Reload(true, set.digest(), warnings, warnings.isEmpty() ? "" : set.frontend().render());
    }

    /** The set of {@code policyVersion} stays in use: the new policies did not load. */
    static Reload kept(String policyVersion, PolicyLoadException why) {
        return new Reload(false, policyVersion, why.diagnostics(), why.report());
    }
}
