package io.countersign.engine.report;

import io.countersign.engine.decision.ApprovalDecision;
import io.countersign.engine.decision.DecisionKind;
import io.countersign.engine.event.EventType;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import io.countersign.engine.store.History;
import io.countersign.engine.store.Listing;
import io.countersign.engine.store.Page;
import io.countersign.engine.store.Store;
import io.countersign.engine.workflow.BreakGlass;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Computes a {@link Report} from a store. It reads the listings a page at a time, newest first, and stops
 * a listing at the first request older than the period; a request's history is read only when a person
 * denied it (the denier is named by the decision alone) or policy granted it as break-glass (the use is
 * named by its event alone). The store is read as it stands while the report
 * runs: a request that changes status meanwhile may be counted under either.
 */
public final class Reporter {

    /** Requests read per page. */
    static final int PAGE = 500;

    private final Store store;

    public Reporter(Store store) {
        this.store = store;
    }

    public Report report(ReportQuery q) {
        Tally total = new Tally();
        Map<String, Tally> profiles = new TreeMap<>();
        Map<String, Tally> rules = new TreeMap<>();
        Map<String, Load> approvers = new TreeMap<>();
        Suggester suggester = new Suggester();
        Instant[] oldest = {null};
        each(q, r -> {
            Fact f = Fact.of(r, denial(r), breakGlass(r), q.until());
            total.add(f);
            profiles.computeIfAbsent(f.profile(), p -> new Tally()).add(f);
            f.rules().forEach(rule -> rules.computeIfAbsent(rule, x -> new Tally()).add(f));
            f.decisions().forEach(d -> approvers.computeIfAbsent(d.approver(), a -> new Load()).add(d));
            suggester.add(f);
            if (f.created() != null && (oldest[0] == null || f.created().isBefore(oldest[0]))) {
                oldest[0] = f.created();
            }
        });
        Instant from = q.since() != null ? q.since() : oldest[0] != null ? oldest[0] : q.until();
        long days = Math.max(1, (Duration.between(from, q.until()).getSeconds() + 86_399) / 86_400);
        List<ApproverLoad> loads = new ArrayList<>();
        approvers.forEach((name, l) -> loads.add(l.load(name)));
        loads.sort(Comparator.comparingLong(ApproverLoad::decisions).reversed());
        return new Report(q.since(), q.until(), q.profile(), days, total.stats(), stats(profiles), stats(rules), loads,
                suggester.suggestions(q, days));
    }

    /** Every request of the period, one page in memory at a time. */
    private void each(ReportQuery q, Consumer<StoredRequest> sink) {
        List<Listing> listings = new ArrayList<>();
        if (q.profile() != null) {
            listings.add(new Listing.ByProfile(q.profile()));
        } else {
            for (RequestStatus s : RequestStatus.values()) {
                listings.add(new Listing.ByStatus(s));
            }
        }
        for (Listing listing : listings) {
            String cursor = null;
            do {
                Page<StoredRequest> page = store.list(listing, cursor, PAGE);
                cursor = page.next();
                for (StoredRequest r : page.items()) {
                    if (q.since() != null && r.createdAt().isBefore(q.since())) {
                        cursor = null; // newest first: the rest are older still
                        break;
                    }
                    if (q.covers(r.createdAt())) {
                        sink.accept(r);
                    }
                }
            } while (cursor != null);
        }
    }

    /** The person's denial that ended {@code r}, read from its history; null when no person denied it. */
    private ApprovalDecision denial(StoredRequest r) {
        if (r.status() != RequestStatus.DENIED || Fate.of(r) != Fate.DENIED) {
            return null;
        }
        History h = store.history(r.id()).orElse(null);
        if (h == null) {
            return null;
        }
        ApprovalDecision last = null;
        for (ApprovalDecision d : h.decisions()) {
            if (d.decision() == DecisionKind.DENIED && !ApprovalDecision.POLICY.equals(d.approver())) {
                last = d;
            }
        }
        return last;
    }

    /**
     * Whether {@code r}'s history records a break-glass use: a {@code breakglass.used} event, the record
     * that policy granted at once to a request naming an incident and that everyone who could have
     * approved was told. The workflow writes it for such grants and nothing else ({@link BreakGlass#used}),
     * so only their histories are read, never one per request. A history written before the workflow
     * recorded uses has no event and is not counted: the report counts what the record says, not what
     * it infers (docs/report.md).
     */
    private boolean breakGlass(StoredRequest r) {
        if (!BreakGlass.used(r)) {
            return false;
        }
        History h = store.history(r.id()).orElse(null);
        return h != null && h.events().stream().anyMatch(e -> e.type() == EventType.BREAKGLASS_USED);
    }

    private static Map<String, Stats> stats(Map<String, Tally> tallies) {
        Map<String, Stats> out = new TreeMap<>();
        tallies.forEach((k, t) -> out.put(k, t.stats()));
        return out;
    }

    /** One approver's decisions as they stream past. */
    private static final class Load {
        private long approved;
        private long denied;
        private final Tally.Seconds response = new Tally.Seconds();

        void add(Fact.PersonDecision d) {
            if (d.approved()) {
                approved++;
            } else {
                denied++;
            }
            response.add(d.response());
        }

        ApproverLoad load(String name) {
            return new ApproverLoad(name, approved, denied, response.percentile(50));
        }
    }
}
