package io.countersign.engine.contract;

import io.countersign.engine.request.AccessRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Builds an {@link AccessRequest}; only what a test names differs from an ordinary request. */
public final class Ask {
    private String id;
    private final String requester;
    private final String profile;
    private List<String> permissions = List.of();
    private Duration duration = Duration.ofHours(1);
    private OffsetDateTime startAt;
    private String justification = "Routine maintenance on the change calendar";
    private String ticket = "CHG-1";
    private OffsetDateTime at;
    private Map<String, Object> context = Map.of();

    private Ask(String requester, String profile) {
        this.requester = requester;
        this.profile = profile;
    }

    /** A request from {@code requester} for {@code profile}: one hour, with a ticket and a reason. */
    public static Ask ask(String requester, String profile) {
        return new Ask(requester, profile);
    }

    public Ask id(String v) {
        id = v;
        return this;
    }

    public Ask permissions(String... v) {
        permissions = List.of(v);
        return this;
    }

    public Ask duration(Duration v) {
        duration = v;
        return this;
    }

    public Ask startAt(Instant v) {
        startAt = v.atOffset(ZoneOffset.UTC);
        return this;
    }

    public Ask justification(String v) {
        justification = v;
        return this;
    }

    public Ask noTicket() {
        ticket = null;
        return this;
    }

    public Ask at(Instant v) {
        at = v.atOffset(ZoneOffset.UTC);
        return this;
    }

    public Ask context(Map<String, Object> v) {
        context = v;
        return this;
    }

    public AccessRequest build() {
        return new AccessRequest(id, requester, null, null, profile, permissions, duration, startAt, justification,
                ticket, context, at);
    }
}
