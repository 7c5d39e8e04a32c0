package io.countersign.analysis.diff;

import io.countersign.engine.request.AccessRequest;
import io.countersign.engine.request.InvalidRequestException;
import io.countersign.engine.request.RequestValidation;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Makes an example easier to read without changing what it shows, as a property test shrinks a
 * counterexample: each simplification (a plain requester, no ticket, a round duration, an instant in
 * 2026 at a whole hour, fewer groups, permissions and attributes, plain attribute values) is kept only
 * when the request stays valid and {@code shows} still holds of it — the reference evaluators of both
 * sides still put it in the same class of change, decided by the same rules. Cheaper than asking the solver for a readable model, which for
 * some questions took seconds.
 */
final class Shrink {

    private Shrink() {
    }

    static AccessRequest of(AccessRequest example, Predicate<AccessRequest> shows) {
        AccessRequest r = example;
        r = keep(r, shows, x -> with(x, "requester", "alex"));
        r = keep(r, shows, x -> with(x, "ticket", null));
        r = keep(r, shows, x -> with(x, "ticket", "CHG-1"));
        r = keep(r, shows, x -> with(x, "justification", null));
        r = keep(r, shows, x -> with(x, "justification", "Routine work"));
        if (r.duration() != null) {
            r = first(r, shows, durations(r.duration()).stream().map(d -> (UnaryOperator<AccessRequest>) x -> with(x, "duration", d))
                    .toList());
        }
        if (r.at() != null) {
            r = first(r, shows, instants(r.at()).stream().map(t -> (UnaryOperator<AccessRequest>) x -> with(x, "at", t))
                    .toList());
        }
        for (String g : List.copyOf(r.groups())) {
            r = keep(r, shows, x -> without(x, "groups", g));
        }
        for (String p : List.copyOf(r.permissions())) {
            r = keep(r, shows, x -> without(x, "permissions", p));
        }
        for (String k : List.copyOf(r.attributes().keySet())) {
            r = keep(r, shows, x -> without(x, "attributes", k));
        }
        for (String k : List.copyOf(r.context().keySet())) {
            r = keep(r, shows, x -> without(x, "context", k));
        }
        for (String k : List.copyOf(r.attributes().keySet())) {
            if (r.attributes().get(k) instanceof String) {
                r = keep(r, shows, x -> withAttribute(x, k, "x"));
            }
        }
        return r;
    }

    /** Durations a person would write, roundest first: the usual ones, then whole hours and minutes near {@code d}. */
    static List<Duration> durations(Duration d) {
        List<Duration> out = new ArrayList<>();
        for (String usual : List.of("1h", "30m", "2h", "4h", "8h", "15m", "1d")) {
            out.add(io.countersign.lang.parse.DurationText.parse(usual));
        }
        for (ChronoUnit unit : List.of(ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS)) {
            long n = unit.getDuration().toNanos();
            out.add(Duration.ofNanos(Math.max(n, d.toNanos() / n * n)));
            out.add(Duration.ofNanos((d.toNanos() + n - 1) / n * n));
        }
        return out;
    }

    /**
     * Instants a person would write, roundest first: in 2026 (March, on the same weekday and time of
     * day), then on the found day; at whole hours nearest the time found (the time of day of a
     * window's edge is rarely one a person picks), then at whole minutes.
     */
    static List<OffsetDateTime> instants(OffsetDateTime found) {
        OffsetDateTime at = found.withOffsetSameInstant(ZoneOffset.UTC);
        DayOfWeek day = at.getDayOfWeek();
        OffsetDateTime in2026 = at.withYear(2026).withMonth(3).withDayOfMonth(1).with(TemporalAdjusters.nextOrSame(day));
        List<OffsetDateTime> out = new ArrayList<>();
        for (OffsetDateTime t : List.of(in2026, at)) {
            OffsetDateTime hour = t.truncatedTo(ChronoUnit.HOURS);
            for (int i = 0; i < 12; i++) {
                out.add(hour.plusHours(i));
                if (i > 0) {
                    out.add(hour.minusHours(i));
                }
            }
            out.add(t.truncatedTo(ChronoUnit.MINUTES));
            out.add(t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1));
        }
        return out;
    }

    /** The first of the edits that keeps the example showing what it shows; the example unchanged when none does. */
    private static AccessRequest first(AccessRequest r, Predicate<AccessRequest> shows, List<UnaryOperator<AccessRequest>> edits) {
        for (UnaryOperator<AccessRequest> edit : edits) {
            if (edit.apply(r).equals(r)) {
                return r; // it is already this round
            }
            AccessRequest candidate = keep(r, shows, edit);
            if (candidate != r) {
                return candidate;
            }
        }
        return r;
    }

    private static AccessRequest keep(AccessRequest r, Predicate<AccessRequest> shows, UnaryOperator<AccessRequest> edit) {
        AccessRequest candidate = edit.apply(r);
        if (candidate.equals(r)) {
            return r;
        }
        try {
            RequestValidation.validate(candidate);
        } catch (InvalidRequestException e) {
            return r;
        }
        return shows.test(candidate) ? candidate : r;
    }

    private static AccessRequest with(AccessRequest r, String field, Object value) {
        return new AccessRequest(r.id(), field.equals("requester") ? (String) value : r.requester(), r.groups(),
                r.attributes(), r.profile(), r.permissions(), field.equals("duration") ? (Duration) value : r.duration(),
                r.startAt(), field.equals("justification") ? (String) value : r.justification(),
                field.equals("ticket") ? (String) value : r.ticket(), r.context(),
                field.equals("at") ? (OffsetDateTime) value : r.at());
    }

    private static AccessRequest withAttribute(AccessRequest r, String key, String value) {
        Map<String, Object> attributes = new LinkedHashMap<>(r.attributes());
        attributes.put(key, value);
        return new AccessRequest(r.id(), r.requester(), r.groups(), attributes, r.profile(), r.permissions(),
                r.duration(), r.startAt(), r.justification(), r.ticket(), r.context(), r.at());
    }

    private static AccessRequest without(AccessRequest r, String field, String item) {
        List<String> groups = new ArrayList<>(r.groups());
        List<String> permissions = new ArrayList<>(r.permissions());
        Map<String, Object> attributes = new LinkedHashMap<>(r.attributes());
        Map<String, Object> context = new LinkedHashMap<>(r.context());
        switch (field) {
            case "groups" -> groups.remove(item);
            case "permissions" -> permissions.remove(item);
            case "attributes" -> attributes.remove(item);
            default -> context.remove(item);
        }
        return new AccessRequest(r.id(), r.requester(), groups, attributes, r.profile(), permissions, r.duration(),
                r.startAt(), r.justification(), r.ticket(), context, r.at());
    }
}
