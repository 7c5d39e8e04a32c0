package io.countersign.engine.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countersign.engine.decide.Outcome;
import io.countersign.engine.decide.StageRequirement;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.decision.ApprovalLevel;
import io.countersign.engine.decision.DecisionKind;
import io.countersign.engine.event.Event;
import io.countersign.engine.event.EventChain;
import io.countersign.engine.event.EventType;
import io.countersign.engine.json.Json;
import io.countersign.engine.model.Approval;
import io.countersign.engine.model.Draft;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StageState;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.model.StoredRequest.Grant;
import io.countersign.engine.store.Change;
import io.countersign.engine.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A history of known shape, written straight into a store as finished records (one create each), for
 * the report's tests and benchmark. Requests come in cycles of 20 slots, one every {@link #STEP}, the
 * last one just before {@code until}:
 *
 * <ul>
 * <li>0–5 {@code prod-readonly}, an on-call engineer (group {@code oncall}), approved by oliver after 10
 *     minutes, risk 0–25, 4h: an instant rule would do;
 * <li>6 {@code prod-readonly}, an engineer naming an incident, approved by oliver after 30 minutes (no
 *     break-glass: people approved it); 7 the same without an incident, denied;
 * <li>8, 9 {@code prod-admin} expired unanswered; 10, 11 approved by alice (1h) and bob (2h); 12 denied by
 *     bob after 3h: 40% unanswered, approvers group:sre-leads escalating to group:security-oncall;
 * <li>13–16 {@code prod-data} approved by policy (rule production/data-read-only);
 * <li>17 {@code breakglass-db} approved by policy with an incident, review due two days after, its
 *     history recording the use ({@code breakglass.used}) — but every tenth cycle's, written as before
 *     the workflow recorded uses ({@link #recordsBreakGlass});
 * <li>18 {@code sandbox} denied by policy;
 * <li>19 {@code prod-admin} cancelled, except in the first five cycles: {@code dev-tools} approved by
 *     oliver (too few to suggest anything).
 * </ul>
 * <p>The profile and justification of request 0 may be replaced (hostile text for the HTML test).
 */
public final class GeneratedHistory {

    /** Time between two requests: 10,000 of them span 90 days. */
    public static final Duration STEP = Duration.ofSeconds(777);
    public static final Duration REVIEW = Duration.ofDays(2);

    private final Instant until;
    private final int n;
    private final String firstProfile;
    private final String firstJustification;

    private GeneratedHistory(Instant until, int n, String firstProfile, String firstJustification) {
        this.until = until;
        this.n = n;
        this.firstProfile = firstProfile;
        this.firstJustification = firstJustification;
    }

    /** {@code n} requests ending just before {@code until}. */
    public static GeneratedHistory of(int n, Instant until) {
        return new GeneratedHistory(until, n, null, null);
    }

    /** The same history with request 0's profile and justification replaced. */
    public GeneratedHistory withFirst(String profile, String justification) {
        return new GeneratedHistory(until, n, profile, justification);
    }

    /** When request {@code i} was created. */
    public Instant created(int i) {
        return until.minus(STEP.multipliedBy(n - i));
    }

    public static int slot(int i) {
        return i % 20;
    }

    /** Whether request {@code i}'s history records a break-glass use: slot 17, but every tenth cycle's. */
    public static boolean recordsBreakGlass(int i) {
        return slot(i) == 17 && i / 20 % 10 != 0;
    }

    /** Writes every request, one transaction each. */
    public void write(Store store) {
        for (int i = 0; i < n; i++) {
            ApprovalDecision[] denial = {null};
            StoredRequest r = request(i, denial);
            store.create(new Change(r, denial[0] == null ? List.of() : List.of(denial[0]),
                    recordsBreakGlass(i) ? List.of(breakGlassUsed(r)) : List.of()));
        }
    }

    /** The event a break-glass grant records, as the only one of its (shortened) history. */
    private static Event breakGlassUsed(StoredRequest r) {
        ObjectNode data = Json.mapper().createObjectNode();
        data.putArray("approvers").add("group:sre-leads");
        data.putArray("rules").add(r.rules().get(0));
        return EventChain.seal(new Event("evt-" + r.id(), EventType.BREAKGLASS_USED, r.createdAt(),
                ApprovalDecision.POLICY, r.id(), 1, data, null, null));
    }

    private StoredRequest request(int i, ApprovalDecision[] denial) {
        Instant at = created(i);
        int slot = slot(i);
        Draft d = Draft.create().id(String.format("req-%06d", i)).createdAt(at).updatedAt(at).version(1)
                .justification(i == 0 && firstJustification != null ? firstJustification : "Generated request " + i)
                .permissions(List.of()).policyVersion("sha256:generated");
        if (slot <= 7) {
            boolean oncall = slot <= 5;
            d.profile("prod-readonly").requester(oncall ? "oncall-" + i % 7 : "eng-" + i % 11)
                    .groups(List.of(oncall ? "oncall" : "engineering")).risk(oncall ? (i * 7) % 26 : 35)
                    .duration(Duration.ofHours(4)).rules(List.of("production/engineer-readonly"));
            Duration after = Duration.ofMinutes(oncall ? 10 : 30);
            if (slot == 6) {
                d.context(Map.of("incident", "INC-" + i));
            }
            StageState stage = stage(List.of("group:oncall"), List.of(), at);
            if (slot == 7) {
                deny(d, stage, at.plus(after), "oliver", denial, i);
            } else {
                approve(d, stage, at, List.of(new Approval("oliver", "group:oncall", null, "dec-" + i, at.plus(after))));
            }
        } else if (slot <= 12 || slot == 19 && i >= 100) {
            d.profile("prod-admin").requester("eng-" + i % 11).groups(List.of("engineering")).risk(50 + i % 30)
                    .duration(Duration.ofHours(2)).rules(List.of("production/admin"));
            StageState stage = stage(List.of("group:sre-leads"), List.of("group:security-oncall"), at);
            switch (slot) {
                case 8, 9 -> d.status(RequestStatus.EXPIRED).outcome(Outcome.PENDING).stages(List.of(stage))
                        .updatedAt(at.plus(Duration.ofHours(24)));
                case 10, 11 -> approve(d, stage, at, List.of(
                        new Approval("alice", "group:sre-leads", null, "dec-a" + i, at.plus(Duration.ofHours(1))),
                        new Approval("bob", "group:sre-leads", null, "dec-b" + i, at.plus(Duration.ofHours(2)))));
                case 12 -> deny(d, stage, at.plus(Duration.ofHours(3)), "bob", denial, i);
                default -> d.status(RequestStatus.CANCELLED).outcome(Outcome.PENDING).stages(List.of(stage))
                        .updatedAt(at.plus(Duration.ofMinutes(5)));
            }
        } else if (slot <= 16) {
            d.profile("prod-data").requester("analyst-" + i % 5).groups(List.of("analysts")).risk(10)
                    .duration(Duration.ofHours(8)).rules(List.of("production/data-read-only"))
                    .outcome(Outcome.APPROVED).status(RequestStatus.APPROVED).accessStart(at)
                    .accessEnd(at.plus(Duration.ofHours(8))).grant(grant(Duration.ofHours(8)));
        } else if (slot == 17) {
            d.profile("breakglass-db").requester("oncall-" + i % 7).groups(List.of("oncall")).risk(45)
                    .duration(Duration.ofHours(1)).rules(List.of("break-glass/oncall-incident"))
                    .context(Map.of("incident", "INC-" + i)).outcome(Outcome.APPROVED).status(RequestStatus.APPROVED)
                    .accessStart(at).accessEnd(at.plus(Duration.ofHours(1))).reviewDate(at.plus(REVIEW))
                    .grant(grant(Duration.ofHours(1)));
        } else if (slot == 18) {
            d.profile("sandbox").requester("eng-" + i % 11).groups(List.of("engineering")).risk(85)
                    .duration(Duration.ofHours(1)).rules(List.of("sandbox/no-weekends")).outcome(Outcome.DENIED)
                    .status(RequestStatus.DENIED);
        } else {
            d.profile("dev-tools").requester("dev-" + i).groups(List.of("dev")).risk(5).duration(Duration.ofHours(1))
                    .rules(List.of("dev/tools"));
            approve(d, stage(List.of("user:oliver"), List.of(), at), at,
                    List.of(new Approval("oliver", "user:oliver", null, "dec-" + i, at.plus(Duration.ofMinutes(10)))));
        }
        if (i == 0 && firstProfile != null) {
            d.profile(firstProfile);
        }
        return d.build();
    }

    private static StageState stage(List<String> from, List<String> escalation, Instant opened) {
        List<StageRequirement.Escalation> esc = escalation.isEmpty() ? List.of()
                : List.of(new StageRequirement.Escalation(Duration.ofMinutes(30), escalation));
        return new StageState(from.size() == 1 && from.get(0).equals("group:sre-leads") ? 2 : 1, from, List.of(), esc,
                List.of(), Map.of(), List.of(), opened, null, null);
    }

    private static Grant grant(Duration d) {
        return new Grant(d, List.of(), Map.of(), List.of(), List.of(), null, false);
    }

    private static void approve(Draft d, StageState stage, Instant at, List<Approval> approvals) {
        Instant done = approvals.get(approvals.size() - 1).at();
        d.outcome(Outcome.PENDING).status(RequestStatus.APPROVED).stages(List.of(stage.withApprovals(approvals, done)))
                .accessStart(done).accessEnd(done.plus(Duration.ofHours(4))).updatedAt(done)
                .grant(grant(Duration.ofHours(4)));
    }

    private static void deny(Draft d, StageState stage, Instant when, String who, ApprovalDecision[] denial, int i) {
        d.outcome(Outcome.PENDING).status(RequestStatus.DENIED).stages(List.of(stage)).updatedAt(when)
                .rationale("Denied by " + who + ": not now");
        denial[0] = ApprovalDecision.builder().decisionId("den-" + i).requestId(String.format("req-%06d", i))
                .approver(who).decision(DecisionKind.DENIED).decisionDate(when).rationale("not now")
                .approvalLevel(ApprovalLevel.FINAL).authoritySource("group:sre-leads").createdAt(when).build();
    }
}
