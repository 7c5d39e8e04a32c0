package io.countersign.engine.policy;

import io.countersign.engine.directory.Directory;
import io.countersign.engine.directory.YamlDirectory;
import io.countersign.engine.signing.PublicKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A policy repository as the engine reads it: the {@code .policy} files under a directory (or one
 * file), the {@code directory.yaml} beside them (none: a directory that knows nobody) and the public
 * keys of the people who decide ({@code keys/USER.pub}; none: every action unsigned).
 */
public record PolicyDirectory(PolicySet set, Directory directory, PublicKeys keys) {

    public PolicyDirectory {
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(keys, "keys");
    }

    /**
     * Reads and checks everything under {@code dir}.
     *
     * @throws PolicySetException with every diagnostic when a policy has an error
     * @throws IOException naming the file that cannot be read ({@code directory.yaml}, a key)
     */
    public static PolicyDirectory load(Path dir) throws IOException, PolicySetException {
        PolicySet set = PolicySet.load(List.of(dir));
        boolean isDir = Files.isDirectory(dir);
        Directory directory = isDir ? YamlDirectory.in(dir) : Directory.EMPTY;
        PublicKeys keys = isDir ? PublicKeys.load(dir.resolve("keys")) : PublicKeys.NONE;
        return new PolicyDirectory(set, directory, keys);
    }

    /** A policy set alone: nobody in the directory, no keys. */
    public static PolicyDirectory of(PolicySet set) {
        return new PolicyDirectory(set, Directory.EMPTY, PublicKeys.NONE);
    }
}
