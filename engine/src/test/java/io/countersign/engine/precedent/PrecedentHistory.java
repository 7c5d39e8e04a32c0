package io.countersign.engine.precedent;

import io.countersign.engine.decide.Outcome;
import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.decision.ApprovalLevel;
import io.countersign.engine.decision.DecisionKind;
import io.countersign.engine.model.Draft;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.store.Change;
import io.countersign.engine.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A generated history for the precedent tests and benchmark, written straight into a store as finished
 * records (one create each, one decision per decided request). {@code n} requests, one every
 * {@link #STEP} up to {@code until}, over four profiles; requesters {@code eng-0..199} in groups
 * {@code team-0..9}, asking one or two of five permissions; 6 in 10 approved, 2 denied, 1 pending, 1
 * cancelled. Into it, {@link #TARGET} (alone in group {@code team-x}) has {@link #PLANTED} decided
 * requests for {@code prod-admin} {@code [read, write]} among the newest 40 generated — more than a request
 * keeps —
 * one such request 95 days old (outside the window) and one still pending: no other request can be as
 * similar to a new one of theirs, so its precedents are the newest planted ones.
 */
public final class PrecedentHistory {

    public static final String TARGET = "target";
    public static final String PROFILE = "prod-admin";
    public static final List<String> PERMISSIONS = List.of("read", "write");
    public static final int PLANTED = 12;

    private static final List<String> PROFILES = List.of("prod-admin", "prod-data", "prod-readonly", "prod-db");
    private static final List<String> PERMS = List.of("read", "write", "admin", "export", "schema");

    private final int n;
    private final Instant until;
    private final Duration step;

    private PrecedentHistory(int n, Instant until) {
        this.n = n;
        this.until = until;
        this.step = Duration.ofDays(200).dividedBy(n);
    }

    /** {@code n} requests over the 200 days before {@code until}, with the planted ones. */
    public static PrecedentHistory of(int n, Instant until) {
        return new PrecedentHistory(n, until);
    }

    /** The target's new request, as the workflow evaluates it (groups from the directory). */
    public AccessRequest ask(String id) {
        return AccessRequest.builder().id(id).requester(TARGET).groups(List.of("team-x")).profile(PROFILE)
                .permissions(PERMISSIONS).duration(Duration.ofHours(1)).justification("again").build();
    }

    /** The ids of the planted decided requests within the window, newest first. */
    public List<String> planted() {
        List<String> out = new ArrayList<>();
        for (int k = PLANTED - 1; k >= 0; k--) {
            out.add("planted-" + k);
        }
        return out;
    }

    /** Writes every request, one transaction each. */
    public void write(Store store) {
        for (int i = 0; i < n; i++) {
            Instant at = until.minus(step.multipliedBy(n - i));
            String requester = "eng-" + (i * 7) % 200;
            List<String> perms = i % 3 == 0 ? List.of(PERMS.get(i % 5), PERMS.get((i + 2) % 5)) : List.of(PERMS.get(i % 5));
            Draft d = base(String.format("gen-%06d", i), requester, "team-" + (i * 7) % 200 % 10,
                    PROFILES.get(i % 4), perms, at);
            write(store, d, switch (i % 10) {
                case 6, 7 -> RequestStatus.DENIED;
                case 8 -> RequestStatus.PENDING;
                case 9 -> RequestStatus.CANCELLED;
                default -> RequestStatus.APPROVED;
            }, at);
        }
        // Among the newest 40 generated, so within the profile's newest 100 (the read's bound) at any size.
        Duration span = step.multipliedBy(40);
        Duration apart = span.dividedBy(PLANTED + 1);
        for (int k = 0; k < PLANTED; k++) {
            Instant at = until.minus(span).plus(apart.multipliedBy(k));
            write(store, base("planted-" + k, TARGET, "team-x", PROFILE, PERMISSIONS, at),
                    k % 4 == 3 ? RequestStatus.DENIED : RequestStatus.APPROVED, at);
        }
        Instant old = until.minus(Duration.ofDays(95));
        write(store, base("planted-old", TARGET, "team-x", PROFILE, PERMISSIONS, old), RequestStatus.APPROVED, old);
        Instant recent = until.minus(Duration.ofMinutes(30));
        write(store, base("planted-pending", TARGET, "team-x", PROFILE, PERMISSIONS, recent), RequestStatus.PENDING,
                recent);
    }

    private static Draft base(String id, String requester, String group, String profile, List<String> perms,
            Instant at) {
        return Draft.create().id(id).requester(requester).groups(List.of(group)).profile(profile).permissions(perms)
                .duration(Duration.ofHours(1)).justification("Generated request " + id).createdAt(at).updatedAt(at)
                .version(1).policyVersion("sha256:generated").outcome(Outcome.PENDING).attributes(Map.of());
    }

    private static void write(Store store, Draft d, RequestStatus status, Instant at) {
        StoredRequest shape = d.build();
        Instant decided = at.plus(Duration.ofMinutes(20));
        List<ApprovalDecision> decisions = new ArrayList<>();
        switch (status) {
            case APPROVED -> {
                d.status(status).accessStart(decided).accessEnd(decided.plus(shape.duration())).updatedAt(decided);
                decisions.add(decision(shape.id(), "lead-" + Math.floorMod(shape.id().hashCode(), 4), DecisionKind.APPROVED,
                        decided, "fine for " + shape.requester()));
            }
            case DENIED -> {
                d.status(status).updatedAt(decided);
                decisions.add(decision(shape.id(), "lead-2", DecisionKind.DENIED, decided, "not this week"));
            }
            case PENDING -> d.status(status).expiresAt(at.plus(Duration.ofHours(24)));
            default -> d.status(status).updatedAt(decided);
        }
        store.create(new Change(d.build(), decisions, List.of()));
    }

    private static ApprovalDecision decision(String requestId, String who, DecisionKind kind, Instant at, String why) {
        return ApprovalDecision.builder().decisionId("dec-" + requestId).requestId(requestId).approver(who)
                .decision(kind).decisionDate(at).rationale(why).approvalLevel(ApprovalLevel.FINAL)
                .authoritySource("group:leads").createdAt(at).build();
    }
}
