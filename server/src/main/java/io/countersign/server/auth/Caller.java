package io.countersign.server.auth;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An authenticated caller.
 *
 * @param subject the user a person's token names (after the issuer's claim), or an API token's subject
 *     (null when the token acts for nobody)
 * @param name for logs: the user, or the API token's name
 */
public record Caller(Kind kind, String subject, String name, Set<Scope> scopes) {

    /** How the caller proved who they are. */
    public enum Kind {
        PERSON, API_TOKEN
    }

    public Caller {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
    }

    public boolean may(Scope scope) {
        return scopes.contains(scope);
    }
}
