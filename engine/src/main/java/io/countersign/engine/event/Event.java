package io.countersign.engine.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A lifecycle event (DATA.md "Lifecycle events"), written in the same transaction as the transition
 * it announces.
 *
 * @param id unique: the receiver's de-duplication key
 * @param sequence per request, from 1, without gaps
 * @param data {@code {request, decision}}: the request after the transition and the decision it recorded
 * @param prevHash the previous event's hash; absent on a request's first event
 * @param hash SHA-256 over the canonical JSON of this event without {@code hash} and {@code seal}: see
 *     {@link EventChain}
 * @param seal the service's seal over the stored event, hash included ({@link io.countersign.engine.seal.Sealer});
 *     absent until the store writes it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Event(String id, EventType type, Instant time, String actor, String requestId, long sequence,
        JsonNode data, String prevHash, String hash, String seal) {

    /** An event not sealed yet: as the workflow makes it, before the store writes it. */
    public Event(String id, EventType type, Instant time, String actor, String requestId, long sequence,
            JsonNode data, String prevHash, String hash) {
        this(id, type, time, actor, requestId, sequence, data, prevHash, hash, null);
    }

    /** The same event with {@code seal}. */
    public Event withSeal(String seal) {
        return new Event(id, type, time, actor, requestId, sequence, data, prevHash, hash, seal);
    }
}
