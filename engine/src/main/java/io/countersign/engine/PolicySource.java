package io.countersign.engine;

import io.countersign.engine.policy.PolicyDirectory;
import io.countersign.engine.policy.PolicySetException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads a policy directory for {@link Countersign}: at build, and again at each reload. */
final class PolicySource {

    private PolicySource() {
    }

    /**
     * The policies, {@code directory.yaml} and {@code keys/} of {@code dir}, checked.
     *
     * @throws PolicyLoadException with every diagnostic when the policies have errors, or naming the
     *     file that cannot be read
     */
    static PolicyDirectory load(Path dir) {
        try {
            return PolicyDirectory.load(dir);
        } catch (PolicySetException e) {
            throw new PolicyLoadException(e.getMessage(), e.result().diagnostics(), e.result().render(), e);
        } catch (IOException e) {
            throw new PolicyLoadException(e.getMessage(), List.of(), e.getMessage(), e);
        }
    }
}
