package io.countersign.engine.model;

import io.countersign.engine.compliance.RuleControls;
import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.decide.Outcome;
import io.countersign.engine.decide.StageRequirement;
import io.countersign.engine.request.AccessRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request's first version: what the client asked and what policy made of it. One function, so that
 * the workflow storing a request and a check re-deriving it from the policy set that decided it
 * ({@link io.countersign.engine.verify.PolicyJudge}) cannot disagree about what policy gave.
 */
public final class Creation {

    private Creation() {
    }

    /**
     * The request as stored at submission, version 1, without its chain head.
     *
     * @param r the request as evaluated (identity completed from the directory, {@code at} the submission)
     * @param acceptsUnsigned what the policy set says of unsigned actions on it
     * @param directoryVersion the digest of the directory its identity came from; null when unknown
     * @param controls what the deciding rules that name controls claim ({@code PolicySet.controls})
     */
    public static StoredRequest of(AccessRequest r, Evaluation e, Instant now, boolean acceptsUnsigned,
            String directoryVersion, List<RuleControls> controls) {
        RequestStatus status = e.outcome() == Outcome.PENDING ? RequestStatus.PENDING
                : e.outcome().grants() ? RequestStatus.APPROVED : RequestStatus.DENIED;
        Instant at = e.at();
        List<StoredRequest.FollowUp> followUps = new ArrayList<>();
        e.followUps().forEach(f -> followUps.add(new StoredRequest.FollowUp(f.action(), Duration.between(at, f.due()))));
        StoredRequest.Grant grant = new StoredRequest.Grant(e.duration(), e.permissions(), e.conditions(),
                e.stipulations(), followUps, e.reviewDate() == null ? null : Duration.between(at, e.reviewDate()),
                e.renewable());
        List<StageState> stages = new ArrayList<>();
        for (StageRequirement s : e.stages()) {
            stages.add(new StageState(s.need(), s.from(), s.rules(), s.escalations(), List.of(), Map.of(), List.of(),
                    stages.isEmpty() ? now : null, null, null));
        }
        Instant start = null;
        Instant end = null;
        Instant review = null;
        if (status == RequestStatus.APPROVED) {
            start = accessStart(r.startAt(), now);
            end = start.plus(grant.duration());
            review = e.reviewDate();
        }
        return Draft.create().id(r.id()).requester(r.requester()).groups(r.groups()).attributes(r.attributes())
                .profile(r.profile()).permissions(r.permissions()).duration(r.duration()).startAt(r.startAt())
                .justification(r.justification()).ticket(r.ticket()).context(r.context()).status(status).version(1)
                .policyVersion(e.policyVersion()).createdAt(now).updatedAt(now).outcome(e.outcome()).rules(e.rules())
                .rationale(e.rationale()).risk(e.risk().score())
                .riskFactors(e.risk().factors(), e.risk().undetermined()).grant(grant).stages(stages)
                .expiresAt(status == RequestStatus.PENDING ? now.plus(e.expireAfter()) : null)
                .selfApproval(e.selfApproval()).delegation(e.delegation()).acceptsUnsigned(acceptsUnsigned)
                .appealTo(e.appealTo()).accessStart(start).accessEnd(end).reviewDate(review)
                .directoryVersion(directoryVersion).compliance(controls)
                .followUps(status == RequestStatus.APPROVED ? TrackedFollowUp.of(grant, at) : null).build();
    }

    /** Access starts at approval, or at the requested start when that is later: slow approvers never eat into it. */
    public static Instant accessStart(OffsetDateTime startAt, Instant approvedAt) {
        return startAt != null && startAt.toInstant().isAfter(approvedAt) ? startAt.toInstant() : approvedAt;
    }
}
