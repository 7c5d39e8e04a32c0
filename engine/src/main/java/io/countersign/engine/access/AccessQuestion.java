package io.countersign.engine.access;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The gateway's question: may {@code requester} use {@code profile}, with {@code permissions} (none:
 * any of the profile), at {@code at} (empty: now), in the request's {@code context} (an incident id, a
 * ticket, whether MFA was used: the facts policy's instant rules read as {@code context.*})? Built by
 * name: {@code AccessQuestion.of("ivan", "prod-admin").withPermissions(List.of("db:read"))
 * .withContext(Map.of("incident", "INC-7"))}.
 */
public record AccessQuestion(String requester, String profile, List<String> permissions, Optional<Instant> at,
        Map<String, Object> context) {

    public AccessQuestion {
        requester = requireText("requester", requester);
        profile = requireText("profile", profile);
        permissions = List.copyOf(Objects.requireNonNull(permissions, "permissions"));
        Objects.requireNonNull(at, "at");
        // Context values may be JSON nulls (a fact asserted as absent), which Map.copyOf refuses.
        context = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(context, "context")));
    }

    /** Whether {@code requester} may use {@code profile} now, with any of its permissions, in no context. */
    public static AccessQuestion of(String requester, String profile) {
        return new AccessQuestion(requester, profile, List.of(), Optional.empty(), Map.of());
    }

    /** The same question for these permissions of the profile. */
    public AccessQuestion withPermissions(List<String> permissions) {
        return new AccessQuestion(requester, profile, permissions, at, context);
    }

    /** The same question asked of another instant than now. */
    public AccessQuestion at(Instant instant) {
        return new AccessQuestion(requester, profile, permissions, Optional.of(instant), context);
    }

    /** The same question in this request context. */
    public AccessQuestion withContext(Map<String, Object> context) {
        return new AccessQuestion(requester, profile, permissions, at, context);
    }

    private static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new io.countersign.engine.request.InvalidRequestException(field, "is required");
        }
        return value;
    }
}
