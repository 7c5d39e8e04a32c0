package io.countersign.engine.eval;

import static io.countersign.engine.eval.Tri.FALSE;
import static io.countersign.engine.eval.Tri.TRUE;
import static io.countersign.engine.eval.Tri.UNKNOWN;

import io.countersign.engine.json.DurationValues;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The predicates of the language on run-time values, each returning a {@link Tri} value. A value
 * that is {@link Facts#ABSENT}, or of a type the predicate cannot use, gives {@link Tri#UNKNOWN}
 * (LANGUAGE.md, "Missing values"). Numbers compare numerically whatever their written form;
 * a string that reads as a duration ({@code 1h}, {@code PT1H}) compares with a duration.
 *
 * <p>Compiled Drools rules call them through {@link CompiledCondition}; the DRL itself names only
 * {@link #text}.
 */
public final class Ops {

    private static final Map<String, Pattern> GLOBS = new ConcurrentHashMap<>();
    private static final Map<String, Pattern> REGEXES = new ConcurrentHashMap<>();
    private static final Map<String, ZoneId> ZONES = new ConcurrentHashMap<>();

    private Ops() {
    }

    // ---- comparison

    public static int eq(Object a, Object b) {
        if (a == Facts.ABSENT || b == Facts.ABSENT) {
            return UNKNOWN;
        }
        return equal(a, b);
    }

    public static int ne(Object a, Object b) {
        return Tri.not(eq(a, b));
    }

    /** Equality with the type rule: values of different kinds are unknown, not unequal. */
    private static int equal(Object a, Object b) {
        Object x = normalize(a);
        Object y = normalize(b);
        if (x instanceof BigDecimal p && y instanceof BigDecimal q) {
            return Tri.of(p.compareTo(q) == 0);
        }
        if (x instanceof Duration || y instanceof Duration) {
            Duration p = DurationValues.of(x);
            Duration q = DurationValues.of(y);
            return p == null || q == null ? UNKNOWN : Tri.of(p.equals(q));
        }
        if (x instanceof List<?> p && y instanceof List<?> q) {
            if (p.size() != q.size()) {
                return FALSE;
            }
            int result = TRUE;
            for (int i = 0; i < p.size(); i++) {
                result = Tri.and(result, eq(p.get(i), q.get(i)));
            }
            return result;
        }
        if (x.getClass() != y.getClass() && !(x instanceof Map && y instanceof Map)) {
            return UNKNOWN;
        }
        return Tri.of(x.equals(y));
    }

    public static int lt(Object a, Object b) {
        int c = order(a, b);
        return c == Integer.MIN_VALUE ? UNKNOWN : Tri.of(c < 0);
    }

    public static int le(Object a, Object b) {
        int c = order(a, b);
        return c == Integer.MIN_VALUE ? UNKNOWN : Tri.of(c <= 0);
    }

    public static int gt(Object a, Object b) {
        int c = order(a, b);
        return c == Integer.MIN_VALUE ? UNKNOWN : Tri.of(c > 0);
    }

    public static int ge(Object a, Object b) {
        int c = order(a, b);
        return c == Integer.MIN_VALUE ? UNKNOWN : Tri.of(c >= 0);
    }

    /** The sign of a compared with b, or {@code Integer.MIN_VALUE} when they cannot be ordered. */
    private static int order(Object a, Object b) {
        if (a == Facts.ABSENT || b == Facts.ABSENT) {
            return Integer.MIN_VALUE;
        }
        Object x = normalize(a);
        Object y = normalize(b);
        if (x instanceof BigDecimal p && y instanceof BigDecimal q) {
            return Integer.signum(p.compareTo(q));
        }
        if (x instanceof Duration || y instanceof Duration) {
            Duration p = DurationValues.of(x);
            Duration q = DurationValues.of(y);
            return p == null || q == null ? Integer.MIN_VALUE : Integer.signum(p.compareTo(q));
        }
        return Integer.MIN_VALUE;
    }

    // ---- membership and text

    public static int in(Object a, Object list) {
        if (a == Facts.ABSENT || list == Facts.ABSENT || !(list instanceof Collection<?> c)) {
            return UNKNOWN;
        }
        if (a instanceof Collection) {
            return UNKNOWN;
        }
        for (Object e : c) {
            if (eq(a, e) == TRUE) {
                return TRUE;
            }
        }
        return FALSE;
    }

    public static int notIn(Object a, Object list) {
        return Tri.not(in(a, list));
    }

    /** Glob: {@code *} any run (including {@code /}), {@code ?} one character, the rest literal; whole string. */
    public static int glob(Object a, String pattern) {
        if (!(a instanceof String s)) {
            return UNKNOWN;
        }
        return Tri.of(GLOBS.computeIfAbsent(pattern, Ops::globPattern).matcher(s).matches());
    }

    public static int regex(Object a, String regex) {
        if (!(a instanceof String s)) {
            return UNKNOWN;
        }
        return Tri.of(REGEXES.computeIfAbsent(regex, Pattern::compile).matcher(s).matches());
    }

    static Pattern globPattern(String glob) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        glob.codePoints().forEach(cp -> {
            if (cp == '*' || cp == '?') {
                if (literal.length() > 0) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(cp == '*' ? ".*" : ".");
            } else {
                literal.appendCodePoint(cp);
            }
        });
        if (literal.length() > 0) {
            re.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    /** {@code contains}: substring on strings, membership on lists. */
    public static int contains(Object a, Object b) {
        if (a == Facts.ABSENT || b == Facts.ABSENT) {
            return UNKNOWN;
        }
        if (a instanceof String s) {
            return b instanceof String t ? Tri.of(s.contains(t)) : UNKNOWN;
        }
        if (a instanceof Collection<?> c) {
            if (b instanceof Collection) {
                return UNKNOWN;
            }
            for (Object e : c) {
                if (eq(e, b) == TRUE) {
                    return TRUE;
                }
            }
            return FALSE;
        }
        return UNKNOWN;
    }

    /** {@code contains any LIST}: false for an empty list. */
    public static int containsAny(Object a, Object list) {
        if (a == Facts.ABSENT || list == Facts.ABSENT || !(list instanceof Collection<?> c)) {
            return UNKNOWN;
        }
        int result = FALSE;
        for (Object e : c) {
            result = Tri.or(result, e instanceof Collection ? UNKNOWN : contains(a, e));
        }
        return a instanceof String || a instanceof Collection ? result : UNKNOWN;
    }

    /** {@code contains all LIST}: true for an empty list. */
    public static int containsAll(Object a, Object list) {
        if (a == Facts.ABSENT || list == Facts.ABSENT || !(list instanceof Collection<?> c)) {
            return UNKNOWN;
        }
        int result = TRUE;
        for (Object e : c) {
            result = Tri.and(result, e instanceof Collection ? UNKNOWN : contains(a, e));
        }
        return a instanceof String || a instanceof Collection ? result : UNKNOWN;
    }

    /** {@code has}: present and not an empty string, list or map. Never unknown. */
    public static int has(Object v) {
        if (v == Facts.ABSENT || v == null) {
            return FALSE;
        }
        if (v instanceof String s) {
            return Tri.of(!s.isEmpty());
        }
        if (v instanceof Collection<?> c) {
            return Tri.of(!c.isEmpty());
        }
        if (v instanceof Map<?, ?> m) {
            return Tri.of(!m.isEmpty());
        }
        return TRUE;
    }

    // ---- time

    /**
     * Whether {@code at} falls in a window: {@code days} is a bit mask (Monday = bit 0), times are
     * seconds of the day. Start inclusive, end exclusive; an end not after the start spans midnight
     * (the evening of one of the days, or the early hours of the day after one of them).
     */
    public static int during(Instant at, String zone, int days, int start, int end) {
        ZonedDateTime local = at.atZone(ZONES.computeIfAbsent(zone, ZoneId::of));
        int day = local.getDayOfWeek().getValue() - 1;
        int t = local.toLocalTime().toSecondOfDay();
        boolean today = (days & (1 << day)) != 0;
        if (start < end) {
            return Tri.of(today && t >= start && t < end);
        }
        boolean yesterday = (days & (1 << ((day + 6) % 7))) != 0;
        return Tri.of(today && t >= start || yesterday && t < end);
    }

    /** Whether {@code at} is within [from, to) in epoch seconds: {@code now between} after compilation. */
    public static int between(Instant at, long from, long toExclusive) {
        long s = at.getEpochSecond();
        return Tri.of(s >= from && s < toExclusive);
    }

    /** The day mask of {@link #during} for a set of days. */
    public static int dayMask(Collection<DayOfWeek> days) {
        int mask = 0;
        for (DayOfWeek d : days) {
            mask |= 1 << (d.getValue() - 1);
        }
        return mask;
    }

    // ---- values

    /** Numbers of any Java type become {@link BigDecimal}; everything else is itself. */
    static Object normalize(Object v) {
        if (v instanceof BigDecimal) {
            return v;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        return v;
    }

    /**
     * A string literal that MVEL cannot carry (one holding a NUL), written as its UTF-16 code units,
     * four hex digits each.
     */
    public static String text(String utf16Hex) {
        StringBuilder b = new StringBuilder(utf16Hex.length() / 4);
        for (int i = 0; i + 4 <= utf16Hex.length(); i += 4) {
            b.append((char) Integer.parseInt(utf16Hex.substring(i, i + 4), 16));
        }
        return b.toString();
    }
}
