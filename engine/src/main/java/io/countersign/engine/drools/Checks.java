package io.countersign.engine.drools;

import io.countersign.engine.eval.CompiledWindow;
import io.countersign.engine.eval.Facts;
import io.countersign.engine.eval.Tri;
import java.util.ArrayList;
import java.util.List;

/**
 * The plain conjuncts of a rule after its equalities — group membership, duration limits, windows —
 * tested by the rule's {@code records} constraint in one step (the {@code Operators} table shows the
 * DRL). As separate constraints, each was an alpha node, its sink, its constraint and its literal:
 * at ten thousand rules, a chain of cache misses per conjunct for every request that reached the
 * rule. Here the limits are two longs, the first group of each sense and the first window are fields,
 * and group names and windows are instances shared by every rule that names them.
 */
final class Checks {

    /** One conjunct. */
    sealed interface Check permits Member, Limit, During {
    }

    /** {@code requester [not] in group NAME}. */
    record Member(String group, boolean in) implements Check {
    }

    /** {@code duration} within {@code [min, max]}, nanoseconds inclusive. */
    record Limit(long min, long max) implements Check {
    }

    /** {@code [not] now during W}. */
    record During(CompiledWindow window, boolean in) implements Check {
    }

    private final long min;
    private final long max;
    private final String member;
    private final String outsider;
    private final CompiledWindow window;
    private final boolean inWindow;
    private final Check[] rest;

    private Checks(long min, long max, String member, String outsider, CompiledWindow window, boolean inWindow,
            Check[] rest) {
        this.min = min;
        this.max = max;
        this.member = member;
        this.outsider = outsider;
        this.window = window;
        this.inWindow = inWindow;
        this.rest = rest;
    }

    /** No check: every request passes. */
    static final Checks NONE = of(List.of());

    static Checks of(List<Check> checks) {
        long min = Long.MIN_VALUE;
        long max = Long.MAX_VALUE;
        String member = null;
        String outsider = null;
        During window = null;
        List<Check> rest = new ArrayList<>();
        for (Check c : checks) {
            if (c instanceof Limit l) {
                min = Math.max(min, l.min());
                max = Math.min(max, l.max());
            } else if (c instanceof Member m && m.in() && member == null) {
                member = m.group();
            } else if (c instanceof Member m && !m.in() && outsider == null) {
                outsider = m.group();
            } else if (c instanceof During d && window == null) {
                window = d;
            } else {
                rest.add(c);
            }
        }
        return new Checks(min, max, member, outsider, window == null ? null : window.window(),
                window != null && window.in(), rest.isEmpty() ? null : rest.toArray(new Check[0]));
    }

    /** Whether every check holds; the cheap ones first. None can be unknown: each reads what every request has. */
    boolean hold(Facts f) {
        long d = f.getDurationNanos();
        if (d < min || d > max
                || member != null && !f.inGroup(member)
                || outsider != null && f.inGroup(outsider)
                || window != null && (window.holds(f.getAt()) == Tri.TRUE) != inWindow) {
            return false;
        }
        if (rest != null) {
            for (Check c : rest) {
                if (!holds(c, f)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A second group or window of a rule; limits are all folded into {@code min} and {@code max}. */
    private static boolean holds(Check c, Facts f) {
        if (c instanceof Member m) {
            return f.inGroup(m.group()) == m.in();
        }
        During w = (During) c;
        return (w.window().holds(f.getAt()) == Tri.TRUE) == w.in();
    }
}
