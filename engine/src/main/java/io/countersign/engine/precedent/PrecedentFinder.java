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
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds a request's precedents. One read of the profile's newest {@link PrecedentSettings#candidates}
 * settled requests within the window ({@link Store#settled}: an index of the settled requests by profile,
 * SQLite's partial {@code requests_settled}, DynamoDB's sparse {@code settled} index), so the cost is
 * bounded by the setting whatever the store holds; then, in memory, those whose permissions overlap the
 * request's are ranked by similarity, and the histories of the best {@link PrecedentSettings#limit} are
 * read for the decision that settled each. A record whose seal does not hold is no precedent.
 *
 * <p>What a candidate's history gave is remembered with the request it was read for: while a candidate
 * reads back equal (same version, status, chain head, seal: any change to its record changes its request),
 * the precedent it gave is taken again without reading and checking its history. A request whose record was
 * edited in the store reads back different and is read and checked afresh. Thread-safe; bounded.
 *
 * <p>Similarity: twice the overlap of the permissions (Jaccard; a request naming none asks for the whole
 * profile, which half-overlaps any list and wholly another such request), plus the overlap of the
 * requesters' groups as the directory gave them then, plus a half when it is the same requester; the
 * newer first among equals.
 */
public final class PrecedentFinder {

    private static final int REMEMBERED = 1024;

    private final Store store;
    private final Sealer sealer;
    private final PrecedentSettings settings;
    /** By request id: the candidate as read, and the precedent its checked history gave (empty: none). */
    private final ConcurrentHashMap<String, Settled> remembered = new ConcurrentHashMap<>();

    public PrecedentFinder(Store store, PrecedentSettings settings) {
        this.store = Objects.requireNonNull(store);
        this.sealer = Sealer.of(store);
        this.settings = Objects.requireNonNull(settings);
    }

    public PrecedentSettings settings() {
        return settings;
    }

    /** The precedents of {@code r} (its groups completed from the directory) submitted at {@code now}. */
    public List<Precedent> find(AccessRequest r, Instant now) {
        if (!settings.seeking()) {
            return List.of();
        }
        Instant since = now.minus(settings.window());
        List<Ranked> ranked = new ArrayList<>();
        for (StoredRequest c : store.settled(r.profile(), since, settings.candidates())) {
            // settled() again: a store's index reads its status column, a row edited behind it may say otherwise
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
            reads++; // a remembered one counts as a read, so what is found never depends on what is remembered
            Settled known = remembered.get(x.request().id());
            if (known != null && (known.request() == x.request() || known.request().equals(x.request()))) {
                known.precedent().ifPresent(out::add);
                continue;
            }
            Optional<History> h = store.history(x.request().id());
            Optional<Precedent> p = h.flatMap(PrecedentFinder.this::settled);
            if (remembered.size() >= REMEMBERED) {
                remembered.clear(); // crude, and enough: a busy profile's precedents are found again at once
            }
            // Keyed by the request the history held: the one whose seal was checked.
            remembered.put(x.request().id(), new Settled(h.map(History::request).orElse(x.request()), p));
            p.ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /** The decision that settled the request, as a precedent; empty when none does or a seal fails. */
    private Optional<Precedent> settled(History h) {
        StoredRequest r = h.request();
        if (sealer.check(r) != null) {
            return Optional.empty();
        }
        // A sealed decision of another request filed among this one's (its rows are not sealed to it) would
        // be shown, and sealed into every new request, as how this one went: such a record is no precedent.
        if (h.decisions().stream().anyMatch(d -> !r.id().equals(d.requestId()))) {
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

    private record Settled(StoredRequest request, Optional<Precedent> precedent) {
    }
}
