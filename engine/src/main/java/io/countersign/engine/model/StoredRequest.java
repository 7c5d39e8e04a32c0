package io.countersign.engine.model;

import io.countersign.engine.compliance.RuleControls;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.countersign.engine.decide.Outcome;
import io.countersign.engine.decide.RiskAssessment;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.request.OpenValues;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request as stored (DATA.md "Access request"): what the client sent, where it is in its life, the
 * grant policy set (as approvers tightened it), its stages with their approvals, and the head of its
 * event chain. Immutable: a transition writes a new version.
 *
 * @param outcome what policy decided at submission
 * @param rules the deciding rule ids
 * @param risk the risk score at submission
 * @param riskFactors the risk factors that held at submission, with their weights, so that a person's
 *     decision made later carries the whole assessment; null in requests stored before they were kept
 * @param riskUndetermined risk factors that could not be evaluated at submission; null when none (or
 *     not kept)
 * @param grant what approval gives: policy's grants, tightened by approvers, never widened
 * @param stages the approvals needed, in order; empty when policy decided at once
 * @param expiresAt for a pending request: when it expires undecided
 * @param acceptsUnsigned whether the deciding policies {@code allow unsigned decisions}; otherwise a
 *     person's decision must carry a signature that verifies
 * @param accessStart when access begins: approval, or the requested start if later
 * @param accessEnd when access ends: the start plus the granted duration (or revocation)
 * @param reviewDate when the grant is due for review (from the approval)
 * @param reviewDue whether {@code review.due} has been announced
 * @param eventSequence the sequence of the last event written (events count from 1)
 * @param eventHash the hash of the last event written: the next event's {@code prevHash}
 * @param directoryVersion a digest of the directory the requester's groups and attributes came from
 *     ({@link io.countersign.engine.directory.Directory#digest}); null when the directory has none
 * @param compliance what the deciding rules that name controls ({@code complies}) claimed at submission,
 *     for the decision that finally grants the request; null when none does
 * @param seal the service's seal over the stored request, its chain head included
 *     ({@link io.countersign.engine.seal.Sealer}); absent until the store writes it
 * @param followUps the grant's follow-ups as tracked from its approval: when each is due, whether it
 *     was announced overdue, who marked it done with what evidence; null when the grant has none, and in
 *     requests granted before follow-ups were tracked until one of theirs changes ({@link #trackedFollowUps()}
 *     derives them)
 * @param precedents the most similar past decisions found when it was submitted, most similar first
 *     ({@link io.countersign.engine.precedent.PrecedentFinder}); null when none were found (or sought).
 *     Found by the service, not asked by the requester: sealed and chained with the record, not signed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredRequest(
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
        RequestStatus status,
        long version,
        String policyVersion,
        Instant createdAt,
        Instant updatedAt,
        Outcome outcome,
        List<String> rules,
        String rationale,
        int risk,
        List<RiskAssessment.Factor> riskFactors,
        List<String> riskUndetermined,
        Grant grant,
        List<StageState> stages,
        Instant expiresAt,
        boolean selfApproval,
        boolean delegation,
        boolean acceptsUnsigned,
        List<String> appealTo,
        Instant accessStart,
        Instant accessEnd,
        Instant reviewDate,
        boolean reviewDue,
        long eventSequence,
        String eventHash,
        String directoryVersion,
        List<RuleControls> compliance,
        String seal,
        List<TrackedFollowUp> followUps,
        List<Precedent> precedents) {

    public StoredRequest {
        groups = groups == null ? List.of() : List.copyOf(groups);
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
        attributes = attributes == null ? Map.of() : OpenValues.freeze(attributes);
        context = context == null ? Map.of() : OpenValues.freeze(context);
        rules = rules == null ? List.of() : List.copyOf(rules);
        stages = stages == null ? List.of() : List.copyOf(stages);
        appealTo = appealTo == null ? List.of() : List.copyOf(appealTo);
        // Absent stays absent: a request stored before factors were kept must write back as it was sealed.
        riskFactors = riskFactors == null ? null : List.copyOf(riskFactors);
        riskUndetermined = riskUndetermined == null || riskUndetermined.isEmpty() ? null : List.copyOf(riskUndetermined);
        // None found is kept as absent, so that requests stored before precedents were sought read back as sealed.
        precedents = precedents == null || precedents.isEmpty() ? null : List.copyOf(precedents);
        compliance = compliance == null || compliance.isEmpty() ? null : List.copyOf(compliance);
        followUps = followUps == null || followUps.isEmpty() ? null : List.copyOf(followUps);
    }

    /**
     * The tracked follow-ups; empty when none. A grant made before follow-ups were tracked has them
     * derived from its sealed grant ({@link TrackedFollowUp#untracked}), so it is listed, swept and
     * marked done like any other.
     */
    @JsonIgnore
    public List<TrackedFollowUp> trackedFollowUps() {
        return followUps != null ? followUps : TrackedFollowUp.untracked(this);
    }

    /**
     * The next instant the sweep has something of this request to announce: its review date (until
     * {@code review.due} is announced, whatever its status) or a follow-up's due date (until it is done
     * or announced overdue); null when nothing is left. Stores keep a sparse index on it.
     */
    @JsonIgnore
    public Instant nextDue() {
        Instant next = reviewDate != null && !reviewDue ? reviewDate : null;
        for (TrackedFollowUp f : trackedFollowUps()) {
            if (!f.done() && !f.overdue() && (next == null || f.due().isBefore(next))) {
                next = f.due();
            }
        }
        return next;
    }

    /** The due date of the earliest follow-up not done; null when none is open. Stores keep a sparse index on it. */
    @JsonIgnore
    public Instant nextFollowUp() {
        Instant next = null;
        for (TrackedFollowUp f : trackedFollowUps()) {
            if (!f.done() && (next == null || f.due().isBefore(next))) {
                next = f.due();
            }
        }
        return next;
    }

    /**
     * What approval grants. Review and follow-ups count from the approval, so they are kept as spans.
     *
     * @param permissions the granted permissions; empty when the request named none (the whole profile)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Grant(Duration duration, List<String> permissions, Map<String, Object> conditions,
            List<String> stipulations, List<FollowUp> followUps, Duration reviewAfter, boolean renewable) {
        public Grant {
            permissions = permissions == null ? List.of() : List.copyOf(permissions);
            conditions = conditions == null ? Map.of() : OpenValues.freeze(conditions);
            stipulations = stipulations == null ? List.of() : List.copyOf(stipulations);
            followUps = followUps == null ? List.of() : List.copyOf(followUps);
        }
    }

    /** {@code follow up ACTION within SPAN}: due SPAN after the approval. */
    public record FollowUp(String action, Duration within) {
    }

    /** The same request with the store's {@code seal}. */
    public StoredRequest withSeal(String seal) {
        return new StoredRequest(id, requester, groups, attributes, profile, permissions, duration, startAt,
                justification, ticket, context, status, version, policyVersion, createdAt, updatedAt, outcome, rules,
                rationale, risk, riskFactors, riskUndetermined, grant, stages, expiresAt, selfApproval, delegation, acceptsUnsigned, appealTo,
                accessStart, accessEnd, reviewDate, reviewDue, eventSequence, eventHash, directoryVersion,
                compliance, seal, followUps, precedents);
    }

    /** The request as the engine evaluates it, at {@code at}. */
    public AccessRequest toAccessRequest(OffsetDateTime at) {
        return AccessRequest.builder().id(id).requester(requester).groups(groups).attributes(attributes)
                .profile(profile).permissions(permissions).duration(duration).startAt(startAt)
                .justification(justification).ticket(ticket).context(context).at(at).build();
    }

    /**
     * The index of the stage now open, or -1 when none is (decided, or every stage complete). An
     * appeal's hearing is open ahead of any stage left incomplete: the denial it hears closed that one.
     */
    public int currentStage() {
        if (status != RequestStatus.PENDING) {
            return -1;
        }
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).overrides() != null && !stages.get(i).complete()) {
                return i;
            }
        }
        for (int i = 0; i < stages.size(); i++) {
            if (!stages.get(i).complete()) {
                return i;
            }
        }
        return -1;
    }

    /** The approver inbox keys of the open stage: empty unless pending. */
    @JsonIgnore
    public Set<String> inbox() {
        int s = currentStage();
        return s < 0 ? Set.of() : stages.get(s).principals();
    }

    /** Everyone who has approved this request or whose place was filled by a delegate. */
    @JsonIgnore
    public Set<String> approvers() {
        Set<String> out = new LinkedHashSet<>();
        for (StageState s : stages) {
            for (Approval a : s.approvals()) {
                out.add(a.approver());
                if (a.onBehalfOf() != null) {
                    out.add(a.onBehalfOf());
                }
            }
        }
        return out;
    }

    /**
     * The risk assessment made at submission: the score with the factors and undetermined ones, or the
     * score alone for a request stored before factors were kept.
     */
    @JsonIgnore
    public RiskAssessment riskAssessment() {
        return new RiskAssessment(risk, riskFactors == null ? List.of() : riskFactors,
                riskUndetermined == null ? List.of() : riskUndetermined);
    }

    /** Whether access is granted at {@code at}. */
    public boolean grantsAt(Instant at) {
        return status == RequestStatus.APPROVED && accessStart != null && !at.isBefore(accessStart)
                && accessEnd != null && at.isBefore(accessEnd);
    }

    /**
     * Whether a person or policy settled it, so it can be a precedent: approved, denied or revoked, or
     * expired after access began (one that expired unanswered was never decided).
     */
    public boolean settled() {
        return switch (status) {
            case APPROVED, DENIED, REVOKED -> true;
            case EXPIRED -> accessStart != null;
            case PENDING, CANCELLED -> false;
        };
    }

    /** The instant after which this request no longer matters to an access check. */
    @JsonIgnore
    public Instant deadline() {
        if (status == RequestStatus.PENDING) {
            return expiresAt;
        }
        if (status == RequestStatus.APPROVED) {
            return accessEnd;
        }
        return null;
    }

    /** {@code a}, then what {@code b} adds to it, each once, in order. */
    public static List<String> union(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        b.stream().filter(x -> !out.contains(x)).forEach(out::add);
        return List.copyOf(out);
    }
}
