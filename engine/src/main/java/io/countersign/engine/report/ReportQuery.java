package io.countersign.engine.report;

import java.time.Instant;
import java.util.Objects;

/**
 * Which requests a report covers: those created in {@code [since, until)}, of one profile or all.
 *
 * @param since the earliest creation time counted; null for the whole history
 * @param until the end of the period (exclusive), and the instant reviews are overdue by
 * @param profile only this profile's requests; null for all
 * @param minEvidence the fewest requests a suggestion rests on
 * @param unansweredShare the share of routed requests expiring unanswered that makes a suggestion (0–1)
 */
public record ReportQuery(Instant since, Instant until, String profile, int minEvidence, double unansweredShare) {

    /** Suggestions rest on at least this many requests unless told otherwise. */
    public static final int MIN_EVIDENCE = 20;
    /** A profile whose routed requests expire unanswered this often is named. */
    public static final double UNANSWERED_SHARE = 0.25;

    public ReportQuery {
        Objects.requireNonNull(until, "until");
        if (since != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("--since must be before --until");
        }
        if (minEvidence < 1) {
            throw new IllegalArgumentException("minEvidence must be at least 1");
        }
        if (!(unansweredShare > 0 && unansweredShare <= 1)) {
            throw new IllegalArgumentException("unansweredShare must be in (0, 1]");
        }
    }

    /** Everything created before {@code until}, every profile, default thresholds. */
    public static ReportQuery until(Instant until) {
        return new ReportQuery(null, until, null, MIN_EVIDENCE, UNANSWERED_SHARE);
    }

    public ReportQuery withSince(Instant value) {
        return new ReportQuery(value, until, profile, minEvidence, unansweredShare);
    }

    public ReportQuery withProfile(String value) {
        return new ReportQuery(since, until, value, minEvidence, unansweredShare);
    }

    public ReportQuery withMinEvidence(int value) {
        return new ReportQuery(since, until, profile, value, unansweredShare);
    }

    /** Whether a request created at {@code created} is in the period. */
    boolean covers(Instant created) {
        return created.isBefore(until) && (since == null || !created.isBefore(since));
    }
}
