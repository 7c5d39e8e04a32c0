package io.countersign.engine.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Counts one group of requests as they stream past; {@link #stats()} reads it out. */
final class Tally {

    private final Map<Fate, Long> fates = new EnumMap<>(Fate.class);
    private final long[] risk = new long[Stats.RISK_BANDS.size()];
    private final Seconds decisions = new Seconds();
    private long requests;
    private long breakGlass;
    private long overdueReviews;

    void add(Fact f) {
        requests++;
        fates.merge(f.fate(), 1L, Long::sum);
        risk[band(f.risk())]++;
        if (f.decisionTime() != null) {
            decisions.add(f.decisionTime());
        }
        if (f.breakGlass()) {
            breakGlass++;
        }
        if (f.reviewOverdue()) {
            overdueReviews++;
        }
    }

    private static int band(int score) {
        int b = 0;
        for (int i = 0; i < Stats.RISK_BANDS.size(); i++) {
            if (score >= Stats.RISK_BANDS.get(i)) {
                b = i;
            }
        }
        return b;
    }

    Stats stats() {
        List<Long> bands = new ArrayList<>();
        Arrays.stream(risk).forEach(bands::add);
        return new Stats(requests, n(Fate.AUTO_APPROVED), n(Fate.APPROVED), n(Fate.AUTO_DENIED), n(Fate.DENIED),
                n(Fate.EXPIRED), n(Fate.CANCELLED), n(Fate.PENDING), decisions.percentile(50),
                decisions.percentile(90), bands, breakGlass, overdueReviews);
    }

    private long n(Fate f) {
        return fates.getOrDefault(f, 0L);
    }

    /**
     * Durations in whole seconds, for exact percentiles: four bytes a decision, not a history. Nearest
     * rank: the p-th percentile of n values is the ⌈p·n/100⌉-th smallest.
     */
    static final class Seconds {
        private int[] values = new int[16];
        private int size;

        void add(Duration d) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = (int) Math.min(Integer.MAX_VALUE, Math.max(0, d.getSeconds()));
        }

        Duration percentile(int p) {
            if (size == 0) {
                return null;
            }
            int[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(p * (double) size / 100);
            return Duration.ofSeconds(sorted[Math.max(0, rank - 1)]);
        }
    }
}
