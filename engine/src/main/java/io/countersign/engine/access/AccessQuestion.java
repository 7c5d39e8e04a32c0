package io.countersign.engine.access;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The gateway's question: may {@code requester} use {@code profile}, with {@code permissions} (none:
 * any of the profile), at {@code at} (empty: now)? Built by name: {@code AccessQuestion.of("ivan",
 * "prod-admin").withPermissions(List.of("db:read"))}.
 */
public record AccessQuestion(String requester, String profile, List<String> permissions, Optional<Instant> at) {

    public AccessQuestion {
        requester = requireText("requester", requester);
        profile = requireText("profile", profile);
        permissions = List.copyOf(Objects.requireNonNull(permissions, "permissions"));
        Objects.requireNonNull(at, "at");
    }

    /** Whether {@code requester} may use {@code profile} now, with any of its permissions. */
    public static AccessQuestion of(String requester, String profile) {
        return new AccessQuestion(requester, profile, List.of(), Optional.empty());
    }

    /** The same question for these permissions of the profile. */
    public AccessQuestion withPermissions(List<String> permissions) {
        return new AccessQuestion(requester, profile, permissions, at);
    }

    /** The same question asked of another instant than now. */
    public AccessQuestion at(Instant instant) {
        return new AccessQuestion(requester, profile, permissions, Optional.of(instant));
    }

    private static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new io.countersign.engine.request.InvalidRequestException(field, "is required");
        }
        return value;
    }
}
