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

    /** A request built by name: {@code AccessRequest.builder().requester("ivan").profile("prod-admin")...build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this request's fields. */
    public Builder toBuilder() {
        return new Builder().id(id).requester(requester).groups(groups).attributes(attributes).profile(profile)
                .permissions(permissions).duration(duration).startAt(startAt).justification(justification)
                .ticket(ticket).context(context).at(at);
    }

    /** The same request with the id a signed submission names. */
    public AccessRequest withId(String requestId) {
        return toBuilder().id(Objects.requireNonNull(requestId)).build();
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

    /** Names each field of a request; unset fields are absent (lists and maps empty). */
    public static final class Builder {
        private String id;
        private String requester;
        private List<String> groups = List.of();
        private Map<String, Object> attributes = Map.of();
        private String profile;
        private List<String> permissions = List.of();
        private Duration duration;
        private OffsetDateTime startAt;
        private String justification;
        private String ticket;
        private Map<String, Object> context = Map.of();
        private OffsetDateTime at;

        private Builder() {
        }

        public Builder id(String value) {
            this.id = value;
            return this;
        }

        public Builder requester(String value) {
            this.requester = value;
            return this;
        }

        public Builder groups(List<String> value) {
            this.groups = value;
            return this;
        }

        public Builder attributes(Map<String, Object> value) {
            this.attributes = value;
            return this;
        }

        public Builder profile(String value) {
            this.profile = value;
            return this;
        }

        public Builder permissions(List<String> value) {
            this.permissions = value;
            return this;
        }

        public Builder duration(Duration value) {
            this.duration = value;
            return this;
        }

        public Builder startAt(OffsetDateTime value) {
            this.startAt = value;
            return this;
        }

        public Builder justification(String value) {
            this.justification = value;
            return this;
        }

        public Builder ticket(String value) {
            this.ticket = value;
            return this;
        }

        public Builder context(Map<String, Object> value) {
            this.context = value;
            return this;
        }

        /** The instant to decide at; the workflow sets it itself on submission and refuses one given. */
        public Builder at(OffsetDateTime value) {
            this.at = value;
            return this;
        }

        public AccessRequest build() {
            return new AccessRequest(id, requester, groups, attributes, profile, permissions, duration, startAt,
                    justification, ticket, context, at);
        }
    }
}
