package io.countersign.engine.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.List;

/**
 * The numbers of one group of requests (a profile, a rule, or all of them).
 *
 * @param requests how many were created in the period
 * @param decisionP50 the median time from request to people's decision (approved or denied by people);
 *     null when people decided none
 * @param decisionP90 the 90th percentile of the same
 * @param risk how many had a risk score in each band of {@link #RISK_BANDS}
 * @param breakGlass break-glass uses: requests whose history records {@code breakglass.used}
 * @param overdueReviews grants whose review came due by the end of the period (the review date at or
 *     before it, the grant active, ended or revoked), as the sweep announces {@code review.due}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Stats(long requests, long autoApproved, long approved, long autoDenied, long denied, long expired,
        long cancelled, long pending, Duration decisionP50, Duration decisionP90, List<Long> risk, long breakGlass,
        long overdueReviews) {

    /** The lower bounds of the risk bands: 0–19, 20–39, 40–59, 60–79, 80–100. */
    public static final List<Integer> RISK_BANDS = List.of(0, 20, 40, 60, 80);

    public Stats {
        risk = List.copyOf(risk);
    }

    /** The band's label, {@code 20-39}. */
    public static String band(int i) {
        return RISK_BANDS.get(i) + "-" + (i + 1 < RISK_BANDS.size() ? RISK_BANDS.get(i + 1) - 1 : 100);
    }

    /** {@code part} of the requests as a share (0–1); 0 when there are none. */
    public double share(long part) {
        return requests == 0 ? 0 : (double) part / requests;
    }

    /** How many ended in {@code fate}. */
    public long count(Fate fate) {
        return switch (fate) {
            case AUTO_APPROVED -> autoApproved;
            case APPROVED -> approved;
            case AUTO_DENIED -> autoDenied;
            case DENIED -> denied;
            case EXPIRED -> expired;
            case CANCELLED -> cancelled;
            case PENDING -> pending;
        };
    }
}
