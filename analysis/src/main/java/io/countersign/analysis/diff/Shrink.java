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
 * counterexample: each simplification (a plain requester, no ticket, whole hours, an instant in 2026 on
 * the same weekday and time, fewer groups, permissions and attributes, plain attribute values) is kept only when the request
 * stays valid and {@code shows} still holds of it — the reference evaluators of both sides give the
 * same decisions as for the original. Cheaper than asking the solver for a readable model, which for
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
        for (ChronoUnit unit : List.of(ChronoUnit.MINUTES, ChronoUnit.HOURS)) {
            long nanos = unit.getDuration().toNanos();
            Duration d = r.duration();
            if (d != null) {
                long up = (d.toNanos() + nanos - 1) / nanos * nanos;
                r = keep(r, shows, x -> with(x, "duration", Duration.ofNanos(up)));
                r = keep(r, shows, x -> with(x, "duration", Duration.ofNanos(Math.max(nanos, d.toNanos() / nanos * nanos))));
            }
        }
        if (r.at() != null) {
            r = keep(r, shows, x -> with(x, "at", x.at().truncatedTo(ChronoUnit.MINUTES)));
            OffsetDateTime at = r.at().withOffsetSameInstant(ZoneOffset.UTC);
            DayOfWeek day = at.getDayOfWeek();
            OffsetDateTime in2026 = at.withYear(2026).withMonth(3).withDayOfMonth(1).with(TemporalAdjusters.nextOrSame(day));
            r = keep(r, shows, x -> with(x, "at", in2026));
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
