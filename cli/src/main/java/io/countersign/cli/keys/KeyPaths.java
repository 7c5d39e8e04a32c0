package io.countersign.cli.keys;

import java.nio.file.Path;

/**
 * Where a user's keys live: the private half in {@code HOME/keys/USER.key}, the public half in the
 * policy repository's {@code keys/USER.pub}.
 */
public record KeyPaths(Path home, Path policies) {

    public Path privateKey(String user) {
        return home.resolve("keys").resolve(fileName(user) + ".key");
    }

    public Path publicKey(String user) {
        return policies.resolve("keys").resolve(fileName(user) + ".pub");
    }

    /** A user id as a file name; one that could name another directory is refused. */
    static String fileName(String user) {
        if (user.isEmpty() || user.startsWith(".") || user.contains("/") || user.contains("\\")
                || user.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the user id '" + user + "' cannot name a key file");
        }
        return user;
    }
}
