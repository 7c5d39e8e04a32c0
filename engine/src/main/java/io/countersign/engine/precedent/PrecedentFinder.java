package io.countersign.engine.precedent;

import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.decision.DecisionKind;
import io.countersign.engine.model.Precedent;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.seal.Sealer;
import io.countersign.engine.store.History;
import io.countersign.engine.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a request's precedents. One read of the profile's newest {@link PrecedentSettings#candidates}
 * settled requests within the window ({@link Store#settled}: SQLite's index of the settled requests by
 * profile; DynamoDB the {@code byProfile} index, its newest requests with the unsettled left out), so the
 * cost is bounded by the setting whatever the store holds; then, in memory, those whose permissions
 * overlap the request's are ranked by similarity, and the histories of the best
 * {@link PrecedentSettings#limit} are read for the decision that settled each. A record whose seal
 * does not hold is no precedent.
 *
 * <p>Similarity: twice the overlap of the permissions (Jaccard; a request naming none asks for the whole
 * profile, which half-overlaps any list and wholly another such request), plus the overlap of the
 * requesters' groups as the directory gave them then, plus a half when it is the same requester; the
 * newer first among equals.
 */
public final class PrecedentFinder {

    private final Store store;
    private final Sealer sealer;
    private final PrecedentSettings settings;

    public PrecedentFinder(Store store, PrecedentSettings settings) {
        this.store = Objects.requireNonNull(store);
        this.sealer = Sealer.of(store);
        this.settings = Objects.requireNonNull(settings);
    }

    /** The precedents of {@code r} (its groups completed from the directory) submitted at {@code now}. */
    public List<Precedent> find(AccessRequest r, Instant now) {
        if (!settings.seeking()) {
            return List.of();
        }
        Instant since = now.minus(settings.window());
        List<Ranked> ranked = new ArrayList<>();
        for (StoredRequest c : store.settled(r.profile(), since, settings.candidates())) {
            if (c.id().equals(r.id()) || !c.settled()) {
                continue;
            }
            double permissions = overlap(r.permissions(), c.permissions());
            if (permissions == 0) {
                continue;
            }
            double score = 2 * permissions + jaccard(r.groups(), c.groups())
                    + (c.requester().equals(r.requester()) ? 0.5 : 0);
            ranked.add(new Ranked(c, score));
        }
        ranked.sort(Comparator.comparingDouble(Ranked::score).reversed()
                .thenComparing(x -> x.request().createdAt(), Comparator.reverseOrder())
                .thenComparing(x -> x.request().id()));
        List<Precedent> out = new ArrayList<>();
        // Each history read is one indexed query; a candidate without a settling decision (or a broken seal)
        // gives way to the next, within twice the limit, so the reads stay bounded.
        int reads = 0;
        for (Ranked x : ranked) {
            if (out.size() == settings.limit() || reads == 2 * settings.limit()) {
                break;
            }
            reads++;
            store.history(x.request().id()).flatMap(PrecedentFinder.this::settled).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /** The decision that settled the request, as a precedent; empty when none does or a seal fails. */
    private Optional<Precedent> settled(History h) {
        StoredRequest r = h.request();
        if (sealer.check(r) != null) {
            return Optional.empty();
        }
        boolean denied = r.status() == RequestStatus.DENIED;
        for (int i = h.decisions().size() - 1; i >= 0; i--) {
            ApprovalDecision d = h.decisions().get(i);
            DecisionKind k = d.decision();
            boolean settles = denied ? k == DecisionKind.DENIED
                    : k == DecisionKind.APPROVED || k == DecisionKind.CONDITIONAL || k == DecisionKind.PARTIAL;
            if (settles) {
                if (sealer.check(d) != null) {
                    return Optional.empty();
                }
                return Optional.of(new Precedent(r.id(), d.decisionId(), k, d.approver(), d.decisionDate(),
                        d.rationale()));
            }
        }
        return Optional.empty();
    }

    /** Jaccard overlap of permissions; none named is the whole profile. */
    static double overlap(List<String> a, List<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1;
        }
        if (a.isEmpty() || b.isEmpty()) {
            return 0.5;
        }
        return jaccard(a, b);
    }

    static double jaccard(List<String> a, List<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 0;
        }
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        int common = 0;
        for (String x : new HashSet<>(a)) {
            common += b.contains(x) ? 1 : 0;
        }
        return (double) common / union.size();
    }

    private record Ranked(StoredRequest request, double score) {
    }
}
