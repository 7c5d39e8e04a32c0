package io.countersign.cli.report;

import io.countersign.engine.report.Fate;
import io.countersign.engine.report.Stats;
import java.time.Duration;
import java.util.List;

/** What the text, CSV and HTML outputs show of a {@link Stats}: one column per fate, in one order. */
final class Columns {

    /** The fates in the order every output shows them. */
    static final List<Fate> FATES = List.of(Fate.AUTO_APPROVED, Fate.APPROVED, Fate.AUTO_DENIED, Fate.DENIED,
            Fate.EXPIRED, Fate.CANCELLED, Fate.PENDING);

    private Columns() {
    }

    /** A share as a percentage with one decimal: {@code 40.0%}. */
    static String percent(Stats s, long part) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", 100 * s.share(part));
    }

    /** A duration the way people read it: {@code 45s}, {@code 10m}, {@code 2h05m}, {@code 3d04h}; "-" for none. */
    static String span(Duration d) {
        if (d == null) {
            return "-";
        }
        long s = d.getSeconds();
        if (s < 60) {
            return s + "s";
        } else if (s < 3600) {
            return s / 60 + "m" + (s % 60 == 0 ? "" : String.format("%02ds", s % 60));
        } else if (s < 86_400) {
            return s / 3600 + "h" + (s % 3600 / 60 == 0 ? "" : String.format("%02dm", s % 3600 / 60));
        }
        return s / 86_400 + "d" + (s % 86_400 / 3600 == 0 ? "" : String.format("%02dh", s % 86_400 / 3600));
    }
}
