package io.countersign.cli.policy;

import io.countersign.engine.directory.Directory;
import io.countersign.engine.policy.PolicyDirectory;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.policy.PolicySetException;
import io.countersign.engine.signing.PublicKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A policy set, the directory beside it and the public keys of the people who decide ({@code keys/}),
 * as the engine reads them ({@link PolicyDirectory}), with their problems printed as every command
 * prints them.
 */
public record LoadedPolicies(PolicyDirectory loaded) {

    /**
     * The policies under {@code dir} and its {@code directory.yaml}, or null after printing why not:
     * diagnostics with file:line:column, as {@code policy check} prints them. Warnings are printed too.
     */
    public static LoadedPolicies of(Path dir, PrintWriter err) {
        try {
            Optional<PolicyDirectory> early = PolicyPrefetch.take(dir);
            PolicyDirectory loaded = early.isPresent() ? early.get() : PolicyDirectory.load(dir);
            PolicySet set = loaded.set();
            set.frontend().diagnostics().stream().filter(d -> !d.isError()).findAny()
                    .ifPresent(d -> err.print(set.frontend().render()));
            return new LoadedPolicies(loaded);
        } catch (PolicySetException e) {
            err.print(e.result().render());
            return null;
        } catch (IOException e) {
            err.println("countersign: " + e.getMessage());
            return null;
        }
    }

    public PolicySet set() {
        return loaded.set();
    }

    public Directory directory() {
        return loaded.directory();
    }

    public PublicKeys keys() {
        return loaded.keys();
    }
}
