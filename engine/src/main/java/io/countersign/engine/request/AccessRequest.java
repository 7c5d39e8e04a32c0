package io.countersign.engine.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request for access (DATA.md "Access request"): the fields a client sends. {@code groups} and
 * {@code permissions} default to empty lists; {@code attributes} and {@code context} hold open JSON
 * values (strings, numbers, booleans, lists, objects).
 *
 * @param at the instant the request is evaluated at; absent means the engine's clock
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessRequest(
        String id,
        String requester,
        List<String> groups,
        Map<String, Object> attributes,
        String profile,
        List<String> permissions,
        Duration duration,
        OffsetDateTime startAt,
        String justification,
        String ticket,
        Map<String, Object> context,
        OffsetDateTime at) {

    public AccessRequest {
        // Unmodifiable copies that keep a null element for validation to name ("groups[0]"), where
        // List.copyOf would throw a NullPointerException that says nothing about the request.
        groups = groups == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(groups));
        permissions = permissions == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(permissions));
        attributes = attributes == null ? Map.of() : OpenValues.freeze(attributes);
        context = context == null ? Map.of() : OpenValues.freeze(context);
    }

    /** The same request evaluated at {@code instant}. */
    public AccessRequest at(OffsetDateTime instant) {
        return new AccessRequest(id, requester, groups, attributes, profile, permissions, duration, startAt,
                justification, ticket, context, Objects.requireNonNull(instant));
    }

    /** The same request with the directory's groups and attributes where it carries none. */
    public AccessRequest withIdentity(List<String> groups, Map<String, Object> attributes) {
        return new AccessRequest(id, requester, this.groups.isEmpty() ? groups : this.groups,
                this.attributes.isEmpty() ? attributes : this.attributes, profile, permissions, duration, startAt,
                justification, ticket, context, at);
    }
}
