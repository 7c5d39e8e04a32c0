package io.countersign.analysis.replay;

import io.countersign.engine.Authorizer;
import io.countersign.engine.decide.Evaluation;
import io.countersign.engine.decide.Outcome;
import io.countersign.engine.decide.StageRequirement;
import io.countersign.engine.policy.PolicySet;
import io.countersign.engine.store.Listing;
import io.countersign.engine.store.Page;
import io.countersign.engine.store.Store;
import io.countersign.engine.model.RequestStatus;
import io.countersign.engine.model.StoredRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Replays recorded requests against a policy set. Each request is decided as it was asked — its
 * requester's groups and attributes as stored, at the instant it was submitted — and compared with
 * what policy decided then: the outcome, the stages asked for, and for a decision made at once the
 * duration and permissions granted (approvers may tighten a pending request's grant later, so those
 * are compared only where no person decided). Requests are read page by page through
 * {@link Store#list} by status, newest first; only counts and a few examples per kind of change are
 * kept, so memory does not grow with the store.
 */
public final class Replayer {

    /** Requests read per page. */
    static final int PAGE = 500;
    static final int EXAMPLES = 3;

    /** A kind of change, how often, and the first requests that show it. */
    public record Change(String before, String after, long count, List<String> requestIds) {
        public String title() {
            return before + " → " + after;
        }
    }

    /**
     * @param replayed requests decided again
     * @param changed of which decided otherwise
     * @param invalid requests the policy set's engine rejected as invalid now (counted, not compared)
     */
    public record Report(long replayed, long changed, long invalid, List<Change> changes, Duration took) {
    }

    private Replayer() {
    }

    public static Report replay(Store store, PolicySet set, Instant since, Instant until) {
        long start = System.nanoTime();
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, List<String>> examples = new LinkedHashMap<>();
        Map<String, String[]> titles = new LinkedHashMap<>();
        long replayed = 0;
        long changed = 0;
        long invalid = 0;
        try (Authorizer authorizer = Authorizer.of(set)) {
            for (RequestStatus status : RequestStatus.values()) {
                String cursor = null;
                boolean older = false;
                do {
                    Page<StoredRequest> page = store.list(new Listing.ByStatus(status), cursor, PAGE);
                    for (StoredRequest r : page.items()) {
                        if (until != null && !r.createdAt().isBefore(until)) {
                            continue;
                        }
                        if (since != null && r.createdAt().isBefore(since)) {
                            older = true; // newest first: the rest of this status is older still
                            break;
                        }
                        Evaluation e;
                        try {
                            e = authorizer.decide(r.toAccessRequest(r.createdAt().atOffset(ZoneOffset.UTC)));
                        } catch (RuntimeException ex) {
                            invalid++;
                            continue;
                        }
                        replayed++;
                        Decided was = recorded(r);
                        Decided is = now(e, r);
                        if (!was.equals(is)) {
                            String before = was.describe();
                            String how = was.outcome() == is.outcome() ? how(was, is) : "";
                            String after = is.describe() + (how.isEmpty() ? "" : " (" + how + ")");
                            changed++;
                            String key = before + "\u0000" + after;
                            counts.computeIfAbsent(key, k -> new long[1])[0]++;
                            titles.putIfAbsent(key, new String[] {before, after});
                            List<String> ids = examples.computeIfAbsent(key, k -> new ArrayList<>());
                            if (ids.size() < EXAMPLES) {
                                ids.add(r.id());
                            }
                        }
                    }
                    cursor = page.next();
                } while (cursor != null && !older);
            }
        }
        List<Change> changes = new ArrayList<>();
        counts.forEach((k, n) -> changes.add(new Change(titles.get(k)[0], titles.get(k)[1], n[0],
                List.copyOf(examples.get(k)))));
        changes.sort((a, b) -> Long.compare(b.count(), a.count()));
        return new Report(replayed, changed, invalid, changes, Duration.ofNanos(System.nanoTime() - start));
    }

    /** A decision as compared: outcome, stages, and for a decision made at once the grant. */
    record Decided(Outcome outcome, List<String> stages, Duration granted, List<String> permissions) {
        String describe() {
            return switch (outcome) {
                case APPROVED -> "approved at once";
                case CONDITIONAL -> "approved at once with conditions";
                case PARTIAL -> "partly approved";
                case DENIED -> "denied";
                case PENDING -> "needs " + String.join(", then ", stages);
            };
        }
    }

    /** What policy decided when the request was submitted. */
    static Decided recorded(StoredRequest r) {
        List<String> stages = new ArrayList<>();
        r.stages().forEach(s -> stages.add(s.need() + " of " + String.join(", ", new TreeSet<>(s.from()))));
        boolean atOnce = r.stages().isEmpty() && r.outcome().grants();
        return new Decided(r.outcome(), stages, atOnce ? r.grant().duration() : null,
                atOnce ? List.copyOf(new TreeSet<>(r.grant().permissions())) : null);
    }

    /** What the set decides now; the grant only where the recorded one was not a person's to tighten. */
    static Decided now(Evaluation e, StoredRequest r) {
        List<String> stages = new ArrayList<>();
        for (StageRequirement s : e.stages()) {
            stages.add(s.need() + " of " + String.join(", ", new TreeSet<>(s.from())));
        }
        boolean comparable = e.outcome().grants() && r.stages().isEmpty() && r.outcome().grants();
        return new Decided(e.outcome(), stages, comparable ? e.duration() : null,
                comparable ? List.copyOf(new TreeSet<>(e.permissions())) : null);
    }

    /** How two decisions of the same outcome differ. */
    static String how(Decided a, Decided b) {
        List<String> out = new ArrayList<>();
        if (a.granted() != null && b.granted() != null && !a.granted().equals(b.granted())) {
            out.add(b.granted().compareTo(a.granted()) > 0 ? "grant widened: longer" : "grant narrowed: shorter");
        }
        if (a.permissions() != null && b.permissions() != null && !a.permissions().equals(b.permissions())) {
            out.add(b.permissions().containsAll(a.permissions()) ? "grant widened: more permissions"
                    : a.permissions().containsAll(b.permissions()) ? "grant narrowed: fewer permissions"
                    : "permissions changed");
        }
        return String.join("; ", out);
    }
}
