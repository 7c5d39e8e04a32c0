package io.countersign.lang.parse;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Duration literals: {@code 90s}, {@code 30m}, {@code 1h30m}, {@code 7d}, {@code 2w}. Units come
 * largest first, each at most once, so every duration has one reading ({@code 1m1h} is refused).
 */
public final class DurationText {

    private static final Pattern PART = Pattern.compile("([0-9]+)([wdhms])");
    private static final String UNITS = "wdhms";

    private DurationText() {
    }

    /** Parses a duration literal; a malformed one throws {@link IllegalArgumentException} with a message for the author. */
    public static Duration parse(String text) {
        Matcher m = PART.matcher(text);
        Duration total = Duration.ZERO;
        int lastUnit = -1;
        int pos = 0;
        while (m.find()) {
            if (m.start() != pos) {
                throw new IllegalArgumentException(malformed(text));
            }
            pos = m.end();
            int unit = UNITS.indexOf(m.group(2));
            if (unit <= lastUnit) {
                throw new IllegalArgumentException(malformed(text));
            }
            lastUnit = unit;
            long n;
            try {
                n = Long.parseLong(m.group(1));
                total = total.plus(switch (m.group(2)) {
                    case "w" -> Duration.ofDays(Math.multiplyExact(n, 7));
                    case "d" -> Duration.ofDays(n);
                    case "h" -> Duration.ofHours(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofSeconds(n);
                });
            } catch (ArithmeticException | NumberFormatException e) {
                throw new IllegalArgumentException("duration too large: " + text);
            }
            if (total.toDays() > 36_500) {
                throw new IllegalArgumentException("duration too large: " + text + " (at most 100 years)");
            }
        }
        if (pos != text.length() || pos == 0) {
            throw new IllegalArgumentException(malformed(text));
        }
        return total;
    }

    /** The duration written as the language writes it, largest unit first: 5400s is {@code 1h30m}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        long s = d.getSeconds();
        StringBuilder out = new StringBuilder();
        long[] sizes = {7 * 86_400L, 86_400L, 3_600L, 60L, 1L};
        for (int i = 0; i < sizes.length; i++) {
            if (s >= sizes[i]) {
                out.append(s / sizes[i]).append(UNITS.charAt(i));
                s %= sizes[i];
            }
        }
        return out.toString();
    }

    private static String malformed(String text) {
        return "malformed duration " + text + ": write the largest unit first, each unit once, like 1h30m or 7d";
    }
}
