package io.countersign.analysis.encode;

import com.microsoft.z3.ArithExpr;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.IntExpr;
import com.microsoft.z3.IntSort;
import io.countersign.analysis.smt.Z3s;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The request's instant over a bounded horizon, as a UTC day number and second of the day, with the
 * UTC day of the week tied to the day number by one modulus; for each zone, its local day of the
 * week and second of the day. A zone's UTC offset is piecewise constant between its transitions, so it
 * is a tree of if-then-else over the transitions inside the horizon; the local time is the UTC second
 * of the day plus the offset, falling on the day before or after when it leaves [0, 86400) — which is
 * what {@code Instant.atZone} computes, DST gaps and overlaps included. (Written as epoch seconds with
 * division and modulus, the same meaning took Z3 minutes per question: the large integers it had to
 * divide are gone here.) Sub-second parts never matter: windows read the second of the day and
 * {@code between} the epoch second.
 */
public final class InstantTerms {

    /** The horizon: requests are considered from 2000-01-01 to 2100-01-01 (UTC), end exclusive. */
    public static final Instant FROM = Instant.parse("2000-01-01T00:00:00Z");
    public static final Instant UNTIL = Instant.parse("2100-01-01T00:00:00Z");

    private final Context ctx;
    private final IntExpr day;
    private final IntExpr second;
    private final IntExpr weekday;
    private final ArithExpr<IntSort> at;
    private final Map<String, Local> zones = new HashMap<>();

    /** A zone's local day of the week (Monday 0) and second of the day. */
    record Local(ArithExpr<IntSort> dayOfWeek, ArithExpr<IntSort> secondOfDay) {
    }

    InstantTerms(Context ctx) {
        this.ctx = ctx;
        this.day = ctx.mkIntConst("at#day");
        this.second = ctx.mkIntConst("at#second");
        this.weekday = ctx.mkIntConst("at#weekday");
        this.at = ctx.mkAdd(ctx.mkMul(ctx.mkInt(86_400), day), second);
    }

    BoolExpr range() {
        IntExpr week = ctx.mkIntConst("at#week");
        return ctx.mkAnd(ctx.mkGe(day, ctx.mkInt(FROM.getEpochSecond() / 86_400)),
                ctx.mkLt(day, ctx.mkInt(UNTIL.getEpochSecond() / 86_400)),
                ctx.mkGe(second, ctx.mkInt(0)), ctx.mkLt(second, ctx.mkInt(86_400)),
                ctx.mkGe(weekday, ctx.mkInt(0)), ctx.mkLt(weekday, ctx.mkInt(7)),
                // 1970-01-01 (day 0) was a Thursday: 3, counting from Monday 0
                ctx.mkEq(ctx.mkAdd(day, ctx.mkInt(3)), ctx.mkAdd(ctx.mkMul(ctx.mkInt(7), week), weekday)));
    }

    /** An instant of 2026 on a whole minute: what examples prefer. */
    BoolExpr readable() {
        return ctx.mkAnd(ctx.mkGe(at, ctx.mkInt(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond())),
                ctx.mkLt(at, ctx.mkInt(Instant.parse("2027-01-01T00:00:00Z").getEpochSecond())),
                ctx.mkEq(second, ctx.mkMul(ctx.mkInt(60), ctx.mkIntConst("at#minute"))));
    }

    /** The instant in epoch seconds. */
    public ArithExpr<IntSort> at() {
        return at;
    }

    /** {@code at} in [from, to) epoch seconds. */
    public BoolExpr between(long from, long toExclusive) {
        return ctx.mkAnd(ctx.mkGe(at, ctx.mkInt(from)), ctx.mkLt(at, ctx.mkInt(toExclusive)));
    }

    /** A window: day mask (Monday bit 0), start and end in seconds of the day, as {@code Ops.during}. */
    public BoolExpr during(String zone, int days, int start, int end) {
        Local l = local(zone);
        BoolExpr today = day(l.dayOfWeek(), days);
        if (start < end) {
            return ctx.mkAnd(today, ctx.mkGe(l.secondOfDay(), ctx.mkInt(start)), ctx.mkLt(l.secondOfDay(), ctx.mkInt(end)));
        }
        BoolExpr afterStart = ctx.mkAnd(today, ctx.mkGe(l.secondOfDay(), ctx.mkInt(start)));
        BoolExpr beforeEnd = ctx.mkAnd(day(l.dayOfWeek(), yesterdaysMask(days)), ctx.mkLt(l.secondOfDay(), ctx.mkInt(end)));
        return ctx.mkOr(afterStart, beforeEnd);
    }

    /** The days whose previous day is in {@code days}. */
    private static int yesterdaysMask(int days) {
        int out = 0;
        for (int d = 0; d < 7; d++) {
            if ((days & (1 << ((d + 6) % 7))) != 0) {
                out |= 1 << d;
            }
        }
        return out;
    }

    private BoolExpr day(ArithExpr<IntSort> dow, int mask) {
        if ((mask & 0x7f) == 0x7f) {
            return ctx.mkTrue();
        }
        List<BoolExpr> any = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            if ((mask & (1 << d)) != 0) {
                any.add(ctx.mkEq(dow, ctx.mkInt(d)));
            }
        }
        return Z3s.or(ctx, any);
    }

    private Local local(String zone) {
        return zones.computeIfAbsent(zone, z -> {
            ZoneRules rules = ZoneId.of(z).getRules();
            ArithExpr<IntSort> local = ctx.mkAdd(second, offset(rules));
            BoolExpr before = ctx.mkLt(local, ctx.mkInt(0));
            BoolExpr after = ctx.mkGe(local, ctx.mkInt(86_400));
            ArithExpr<IntSort> previous = Z3s.ite(ctx, ctx.mkEq(weekday, ctx.mkInt(0)), ctx.mkInt(6),
                    ctx.mkSub(weekday, ctx.mkInt(1)));
            ArithExpr<IntSort> next = Z3s.ite(ctx, ctx.mkEq(weekday, ctx.mkInt(6)), ctx.mkInt(0),
                    ctx.mkAdd(weekday, ctx.mkInt(1)));
            return new Local(Z3s.ite(ctx, before, previous, Z3s.ite(ctx, after, next, weekday)),
                    Z3s.ite(ctx, before, ctx.mkAdd(local, ctx.mkInt(86_400)),
                            Z3s.ite(ctx, after, ctx.mkSub(local, ctx.mkInt(86_400)), local)));
        });
    }

    private ArithExpr<IntSort> offset(ZoneRules rules) {
        List<long[]> steps = new ArrayList<>(); // [from epoch second, offset seconds]
        steps.add(new long[] {Long.MIN_VALUE, rules.getOffset(FROM).getTotalSeconds()});
        Instant t = FROM;
        while (true) {
            ZoneOffsetTransition tr = rules.nextTransition(t);
            if (tr == null || !tr.getInstant().isBefore(UNTIL)) {
                break;
            }
            steps.add(new long[] {tr.getInstant().getEpochSecond(), tr.getOffsetAfter().getTotalSeconds()});
            t = tr.getInstant();
        }
        return tree(steps, 0, steps.size());
    }

    /** A balanced if-then-else over steps [lo, hi): the offset in force at {@code at}. */
    private ArithExpr<IntSort> tree(List<long[]> steps, int lo, int hi) {
        if (hi - lo == 1) {
            return ctx.mkInt(steps.get(lo)[1]);
        }
        int mid = (lo + hi) >>> 1;
        return Z3s.ite(ctx, ctx.mkLt(at, ctx.mkInt(steps.get(mid)[0])), tree(steps, lo, mid), tree(steps, mid, hi));
    }
}
