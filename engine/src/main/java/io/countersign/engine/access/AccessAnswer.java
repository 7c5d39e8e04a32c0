package io.countersign.engine.access;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The answer to "may this person use this profile now?".
 *
 * @param requestId the approved (or pending) request the answer rests on; absent when policy approves at once
 * @param until when the access ends
 * @param permissions the granted permissions (empty: the whole profile)
 * @param reason in words: which grant, which rules, or why not
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessAnswer(Access access, String requestId, Instant until, List<String> permissions,
        Map<String, Object> conditions, List<String> stipulations, String reason) {

    public enum Access {
        ALLOWED, PENDING, DENIED;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean allowed() {
        return access == Access.ALLOWED;
    }
}
