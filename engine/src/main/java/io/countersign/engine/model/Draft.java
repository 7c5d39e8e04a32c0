package io.countersign.engine.model;

import io.countersign.engine.compliance.RuleControls;
import io.countersign.engine.decide.Outcome;
import io.countersign.engine.decide.RiskAssessment;
import io.countersign.engine.model.StoredRequest.Grant;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A stored request built by named parts: the first version from nothing ({@link #create()}), the next
 * one from the last ({@link #from}). What is stored and shared is the immutable {@link StoredRequest} it
 * builds — unsealed: the store's seal covers the version as written, so a draft never carries its
 * predecessor's. Not thread-safe: it lives inside one call.
 */
public final class Draft {

    private String id;
    private String requester;
    private List<String> groups;
    private Map<String, Object> attributes;
    private String profile;
    private List<String> permissions;
    private Duration duration;
    private OffsetDateTime startAt;
    private String justification;
    private String ticket;
    private Map<String, Object> context;
    private RequestStatus status;
    private long version;
    private String policyVersion;
    private Instant createdAt;
    private Instant updatedAt;
    private Outcome outcome;
    private List<String> rules;
    private String rationale;
    private int risk;
    private List<RiskAssessment.Factor> riskFactors;
    private List<String> riskUndetermined;
    private Grant grant;
    private List<StageState> stages;
    private Instant expiresAt;
    private boolean selfApproval;
    private boolean delegation;
    private boolean acceptsUnsigned;
    private List<String> appealTo;
    private Instant accessStart;
    private Instant accessEnd;
    private Instant reviewDate;
    private boolean reviewDue;
    private long eventSequence;
    private String eventHash;
    private String directoryVersion;
    private List<TrackedFollowUp> followUps;
    private List<RuleControls> compliance;
    private List<Precedent> precedents;

    private Draft() {
    }

    /** An empty draft: every part absent, lists and maps empty, version 0. */
    public static Draft create() {
        return new Draft();
    }

    /** A draft of the next version of {@code r}: every part as {@code r} has it (its seal left behind). */
    public static Draft from(StoredRequest r) {
        Draft d = new Draft();
        d.id = r.id();
        d.requester = r.requester();
        d.groups = r.groups();
        d.attributes = r.attributes();
        d.profile = r.profile();
        d.permissions = r.permissions();
        d.duration = r.duration();
        d.startAt = r.startAt();
        d.justification = r.justification();
        d.ticket = r.ticket();
        d.context = r.context();
        d.status = r.status();
        d.version = r.version();
        d.policyVersion = r.policyVersion();
        d.createdAt = r.createdAt();
        d.updatedAt = r.updatedAt();
        d.outcome = r.outcome();
        d.rules = r.rules();
        d.rationale = r.rationale();
        d.risk = r.risk();
        d.riskFactors = r.riskFactors();
        d.riskUndetermined = r.riskUndetermined();
        d.grant = r.grant();
        d.stages = r.stages();
        d.expiresAt = r.expiresAt();
        d.selfApproval = r.selfApproval();
        d.delegation = r.delegation();
        d.acceptsUnsigned = r.acceptsUnsigned();
        d.appealTo = r.appealTo();
        d.accessStart = r.accessStart();
        d.accessEnd = r.accessEnd();
        d.reviewDate = r.reviewDate();
        d.reviewDue = r.reviewDue();
        d.eventSequence = r.eventSequence();
        d.eventHash = r.eventHash();
        d.directoryVersion = r.directoryVersion();
        d.followUps = r.followUps();
        d.compliance = r.compliance();
        d.precedents = r.precedents();
        return d;
    }

    public Draft id(String value) {
        this.id = value;
        return this;
    }

    public String id() {
        return id;
    }

    public Draft requester(String value) {
        this.requester = value;
        return this;
    }

    public Draft groups(List<String> value) {
        this.groups = value;
        return this;
    }

    public Draft attributes(Map<String, Object> value) {
        this.attributes = value;
        return this;
    }

    public Draft profile(String value) {
        this.profile = value;
        return this;
    }

    public Draft permissions(List<String> value) {
        this.permissions = value;
        return this;
    }

    public Draft duration(Duration value) {
        this.duration = value;
        return this;
    }

    public Draft startAt(OffsetDateTime value) {
        this.startAt = value;
        return this;
    }

    public Draft justification(String value) {
        this.justification = value;
        return this;
    }

    public Draft ticket(String value) {
        this.ticket = value;
        return this;
    }

    public Draft context(Map<String, Object> value) {
        this.context = value;
        return this;
    }

    public Draft status(RequestStatus value) {
        this.status = value;
        return this;
    }

    public Draft version(long value) {
        this.version = value;
        return this;
    }

    public long version() {
        return version;
    }

    public Draft policyVersion(String value) {
        this.policyVersion = value;
        return this;
    }

    public Draft createdAt(Instant value) {
        this.createdAt = value;
        return this;
    }

    public Draft updatedAt(Instant value) {
        this.updatedAt = value;
        return this;
    }

    public Draft outcome(Outcome value) {
        this.outcome = value;
        return this;
    }

    public Draft rules(List<String> value) {
        this.rules = value;
        return this;
    }

    public Draft rationale(String value) {
        this.rationale = value;
        return this;
    }

    public Draft risk(int value) {
        this.risk = value;
        return this;
    }

    /** The factors of the risk assessment at submission, and those that could not be evaluated. */
    public Draft riskFactors(List<RiskAssessment.Factor> factors, List<String> undetermined) {
        this.riskFactors = factors;
        this.riskUndetermined = undetermined;
        return this;
    }

    public Draft grant(Grant value) {
        this.grant = value;
        return this;
    }

    public Draft stages(List<StageState> value) {
        this.stages = value;
        return this;
    }

    public Draft expiresAt(Instant value) {
        this.expiresAt = value;
        return this;
    }

    public Draft selfApproval(boolean value) {
        this.selfApproval = value;
        return this;
    }

    public Draft delegation(boolean value) {
        this.delegation = value;
        return this;
    }

    public Draft acceptsUnsigned(boolean value) {
        this.acceptsUnsigned = value;
        return this;
    }

    public Draft appealTo(List<String> value) {
        this.appealTo = value;
        return this;
    }

    public Draft accessStart(Instant value) {
        this.accessStart = value;
        return this;
    }

    public Draft accessEnd(Instant value) {
        this.accessEnd = value;
        return this;
    }

    public Draft reviewDate(Instant value) {
        this.reviewDate = value;
        return this;
    }

    public Draft reviewDue(boolean value) {
        this.reviewDue = value;
        return this;
    }

    public Draft eventSequence(long value) {
        this.eventSequence = value;
        return this;
    }

    public long eventSequence() {
        return eventSequence;
    }

    public Draft eventHash(String value) {
        this.eventHash = value;
        return this;
    }

    public String eventHash() {
        return eventHash;
    }

    public Draft directoryVersion(String value) {
        this.directoryVersion = value;
        return this;
    }

    /** What the deciding rules that name controls claimed at submission; null or empty when none does. */
    public Draft compliance(List<RuleControls> value) {
        this.compliance = value;
        return this;
    }

    public Draft followUps(List<TrackedFollowUp> value) {
        this.followUps = value;
        return this;
    }

    public StoredRequest build() {
        return new StoredRequest(id, requester, groups, attributes, profile, permissions, duration, startAt,
                justification, ticket, context, status, version, policyVersion, createdAt, updatedAt, outcome,
                rules, rationale, risk, riskFactors, riskUndetermined, grant, stages, expiresAt, selfApproval, delegation,
                acceptsUnsigned,
                appealTo, accessStart, accessEnd, reviewDate, reviewDue, eventSequence, eventHash,
                directoryVersion, compliance, null, followUps, precedents);
    }

    /** The most similar past decisions found at submission, most similar first. */
    public Draft precedents(List<Precedent> value) {
        this.precedents = value;
        return this;
    }
}
