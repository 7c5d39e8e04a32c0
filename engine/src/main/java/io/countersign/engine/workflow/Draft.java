package io.countersign.engine.workflow;

import io.countersign.engine.decide.Outcome;
import io.countersign.engine.workflow.StoredRequest.Grant;
import io.countersign.engine.workflow.StoredRequest.StageState;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The next version of a request while a transition computes it. Lives only inside one workflow
 * call; what is stored and shared is the immutable {@link StoredRequest} it builds — unsealed: the
 * store's seal covers the version as written, so a draft never carries its predecessor's.
 */
final class Draft {

    String id;
    String requester;
    List<String> groups;
    Map<String, Object> attributes;
    String profile;
    List<String> permissions;
    Duration duration;
    OffsetDateTime startAt;
    String justification;
    String ticket;
    Map<String, Object> context;
    RequestStatus status;
    long version;
    String policyVersion;
    Instant createdAt;
    Instant updatedAt;
    Outcome outcome;
    List<String> rules;
    String rationale;
    int risk;
    Grant grant;
    List<StageState> stages;
    Instant expiresAt;
    boolean selfApproval;
    boolean delegation;
    boolean acceptsUnsigned;
    List<String> appealTo;
    Instant accessStart;
    Instant accessEnd;
    Instant reviewDate;
    boolean reviewDue;
    long eventSequence;
    String eventHash;
    String directoryVersion;

    Draft(StoredRequest r) {
        id = r.id();
        requester = r.requester();
        groups = r.groups();
        attributes = r.attributes();
        profile = r.profile();
        permissions = r.permissions();
        duration = r.duration();
        startAt = r.startAt();
        justification = r.justification();
        ticket = r.ticket();
        context = r.context();
        status = r.status();
        version = r.version();
        policyVersion = r.policyVersion();
        createdAt = r.createdAt();
        updatedAt = r.updatedAt();
        outcome = r.outcome();
        rules = r.rules();
        rationale = r.rationale();
        risk = r.risk();
        grant = r.grant();
        stages = r.stages();
        expiresAt = r.expiresAt();
        selfApproval = r.selfApproval();
        delegation = r.delegation();
        acceptsUnsigned = r.acceptsUnsigned();
        appealTo = r.appealTo();
        accessStart = r.accessStart();
        accessEnd = r.accessEnd();
        reviewDate = r.reviewDate();
        reviewDue = r.reviewDue();
        eventSequence = r.eventSequence();
        eventHash = r.eventHash();
        directoryVersion = r.directoryVersion();
    }

    StoredRequest build() {
        return new StoredRequest(id, requester, groups, attributes, profile, permissions, duration, startAt,
                justification, ticket, context, status, version, policyVersion, createdAt, updatedAt, outcome, rules,
                rationale, risk, grant, stages, expiresAt, selfApproval, delegation, acceptsUnsigned, appealTo, accessStart, accessEnd,
                reviewDate, reviewDue, eventSequence, eventHash, directoryVersion, null);
    }
}
