package io.countersign.engine.model;

import java.util.Objects;
import java.util.Set;

/**
 * Who a policy names as an approver: one user ({@code user:ID}) or the members of a group
 * ({@code group:NAME}). Stored and listed by its {@link #key()}; judged by {@link #admits}.
 */
public sealed interface Principal {

    /** The text a stage, an inbox and an authority name it by: {@code user:alice}, {@code group:sre-leads}. */
    String key();

    /** Whether {@code user}, a member of {@code groups}, is this principal. */
    boolean admits(String user, Set<String> groups);

    /** One user. */
    record User(String id) implements Principal {
        public User {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public String key() {
            return "user:" + id;
        }

        @Override
        public boolean admits(String user, Set<String> groups) {
            return id.equals(user);
        }
    }

    /** The members of a group, as the directory says. */
    record Group(String name) implements Principal {
        public Group {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String key() {
            return "group:" + name;
        }

        @Override
        public boolean admits(String user, Set<String> groups) {
            return groups.contains(name);
        }
    }

    static Principal user(String id) {
        return new User(id);
    }

    static Principal group(String name) {
        return new Group(name);
    }

    /** The principal {@code key} names; empty for text that names none (it admits nobody). */
    static java.util.Optional<Principal> of(String key) {
        return key.startsWith("user:") || key.startsWith("group:") ? java.util.Optional.of(parse(key))
                : java.util.Optional.empty();
    }

    /** Whether the principal {@code key} names admits {@code user}; text that names none admits nobody. */
    static boolean admits(String key, String user, Set<String> groups) {
        return of(key).map(p -> p.admits(user, groups)).orElse(false);
    }

    /**
     * The principal {@code key} names.
     *
     * @throws IllegalArgumentException for text that is neither {@code user:…} nor {@code group:…}
     */
    static Principal parse(String key) {
        if (key.startsWith("user:")) {
            return new User(key.substring(5));
        }
        if (key.startsWith("group:")) {
            return new Group(key.substring(6));
        }
        throw new IllegalArgumentException("not a principal: '" + key + "' (user:ID or group:NAME)");
    }
}
