package io.countersign.cli.policy;

import io.countersign.engine.directory.Directory;
import io.countersign.engine.directory.YamlDirectory;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.signing.PublicKeys;
import io.countersign.engine.policy.PolicySetException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A policy set, the directory beside it and the public keys of the people who decide ({@code keys/}),
 * as every command that decides requests reads them.
 */
public record LoadedPolicies(PolicySet set, Directory directory, PublicKeys keys) {

    /**
     * The policies under {@code dir} and its {@code directory.yaml}, or null after printing why not:
     * diagnostics with file:line:column, as {@code policy check} prints them. Warnings are printed too.
     */
    public static LoadedPolicies of(Path dir, PrintWriter err) {
        try {
            PolicySet set = PolicySet.load(List.of(dir));
            set.frontend().diagnostics().stream().filter(d -> !d.isError()).findAny()
                    .ifPresent(d -> err.print(set.frontend().render()));
            Directory directory = Files.isDirectory(dir) ? YamlDirectory.in(dir) : Directory.EMPTY;
            PublicKeys keys = Files.isDirectory(dir) ? PublicKeys.load(dir.resolve("keys")) : PublicKeys.NONE;
            return new LoadedPolicies(set, directory, keys);
        } catch (PolicySetException e) {
            err.print(e.result().render());
            return null;
        } catch (IOException e) {
            err.println("countersign: " + e.getMessage());
            return null;
        }
    }
}
