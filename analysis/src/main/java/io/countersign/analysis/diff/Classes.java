package io.countersign.analysis.diff;

import io.countersign.analysis.report.Example;
import io.countersign.engine.decide.Outcome;
import io.countersign.engine.json.Json;
import io.countersign.engine.request.AccessRequest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Grouping changes into classes, and the words for them. */
final class Classes {

    private static final int EXAMPLES = 3;

    private Classes() {
    }

    /** One pattern's example, with the rules that decided it before and now. */
    private record Found(String summary, AccessRequest example, List<String> rulesBefore, List<String> rulesAfter) {
    }

    /**
     * A class as its patterns are found. The solver finds them in an order of its own, which can change
     * with the machine's load (a query interrupted by its time limit is answered another way), so a
     * class shows the examples first in the order of their summaries, not of their finding: the same
     * policies give the same report.
     */
    static final class Builder {
        final String before;
        final String after;
        final String how;
        final List<Found> found = new ArrayList<>();
        int patterns;

        Builder(String before, String after, String how) {
            this.before = before;
            this.after = after;
            this.how = how;
        }

        ChangeClass build() {
            List<Found> shown = found.stream().sorted(Comparator.comparing(Found::summary))
                    .limit(EXAMPLES).toList();
            List<String> rulesBefore = shown.isEmpty() ? List.of() : shown.get(0).rulesBefore();
            List<String> rulesAfter = shown.isEmpty() ? List.of() : shown.get(0).rulesAfter();
            return new ChangeClass(before, after, how, shown.stream().map(f -> json(f.example())).toList(),
                    shown.stream().map(Found::summary).toList(), rulesBefore, rulesAfter, patterns);
        }
    }

    static void add(Map<String, Builder> classes, Observed before, Observed after, AccessRequest example,
            List<String> rulesBefore, List<String> rulesAfter) {
        String b = describe(before);
        String a = describe(after);
        String how = before.outcome() == after.outcome() ? how(before, after) : "";
        Builder c = classes.computeIfAbsent(key(before, after), k -> new Builder(b, a, how));
        c.patterns++;
        c.found.add(new Found(summary(example), example, List.copyOf(rulesBefore), List.copyOf(rulesAfter)));
    }

    /** The class a change falls in: what was decided before and now, and how they differ. */
    static String key(Observed before, Observed after) {
        return describe(before) + "\u0000" + describe(after) + "\u0000"
                + (before.outcome() == after.outcome() ? how(before, after) : "");
    }

    /**
     * The class without what an example's own values put in its words (a user named by the request,
     * a granted duration that is the requested one): two examples of one shape of change share it,
     * so that an example may be simplified into a rounder one of the same shape.
     */
    static String shape(Observed before, Observed after) {
        return key(before, after).replaceAll("user:[^,;)\\u0000]*", "user:?").replaceAll("(widened|narrowed): [^;\\u0000]*", "$1");
    }

    static String describe(Observed o) {
        return switch (o.outcome()) {
            case APPROVED -> "approved at once";
            case CONDITIONAL -> "approved at once with conditions";
            case PARTIAL -> "partly approved";
            case DENIED -> o.appealTo().isEmpty() ? "denied" : "denied (appeal to " + String.join(", ", o.appealTo()) + ")";
            case PENDING -> "needs " + String.join(", then ", o.stages());
        };
    }

    /** How two decisions of the same outcome differ: quorum, approvers, grant, terms, workflow. */
    static String how(Observed a, Observed b) {
        List<String> out = new ArrayList<>();
        if (a.outcome() == Outcome.PENDING && !a.stages().equals(b.stages())) {
            int na = need(a.stages());
            int nb = need(b.stages());
            out.add(nb > na ? "quorum raised" : nb < na ? "quorum lowered" : "approvers changed");
        }
        if (a.duration() != null && b.duration() != null && !a.duration().equals(b.duration())) {
            out.add((b.duration().compareTo(a.duration()) > 0 ? "grant widened: " : "grant narrowed: ")
                    + text(a.duration()) + " → " + text(b.duration()));
        }
        if (!a.permissions().equals(b.permissions())) {
            boolean wider = b.permissions().containsAll(a.permissions());
            boolean narrower = a.permissions().containsAll(b.permissions());
            out.add((wider ? "grant widened: " : narrower ? "grant narrowed: " : "permissions changed: ")
                    + a.permissions() + " → " + b.permissions());
        }
        if (!a.conditions().equals(b.conditions()) || !a.stipulations().equals(b.stipulations())
                || !a.followUps().equals(b.followUps()) || !java.util.Objects.equals(a.reviewAfter(), b.reviewAfter())
                || a.renewable() != b.renewable()) {
            out.add("terms changed");
        }
        if (!java.util.Objects.equals(a.expireAfter(), b.expireAfter()) || a.selfApproval() != b.selfApproval()
                || a.delegation() != b.delegation()) {
            out.add("workflow changed");
        }
        if (!a.appealTo().equals(b.appealTo())) {
            out.add("appeal changed");
        }
        return String.join("; ", out);
    }

    private static int need(List<String> stages) {
        int n = 0;
        for (String s : stages) {
            n += Integer.parseInt(s.substring(0, s.indexOf(' ')));
        }
        return n;
    }

    static String text(Duration d) {
        return Example.text(d);
    }

    static Map<String, Object> json(AccessRequest r) {
        return Example.json(r);
    }

    /** A request in a line: {@code {requester alice in oncall, profile prod-db, 5h, Mon 2026-03-02 10:00 UTC}}. */
    static String summary(AccessRequest r) {
        List<String> parts = new ArrayList<>();
        parts.add("requester " + quote(r.requester()) + (r.groups().isEmpty() ? "" : " in " + String.join(", ",
                r.groups().stream().map(Classes::quote).toList())));
        parts.add("profile " + quote(r.profile()));
        if (!r.permissions().isEmpty()) {
            parts.add("permissions " + r.permissions().stream().map(Classes::quote).toList());
        }
        parts.add(text(r.duration()));
        if (!r.attributes().isEmpty()) {
            parts.add("attributes " + compact(r.attributes()));
        }
        if (!r.context().isEmpty()) {
            parts.add("context " + compact(r.context()));
        }
        if (r.justification() != null) {
            parts.add("justification " + quote(r.justification()));
        }
        if (r.ticket() != null) {
            parts.add("ticket " + quote(r.ticket()));
        }
        if (r.at() != null) {
            var t = r.at().atZoneSameInstant(ZoneOffset.UTC);
            DayOfWeek d = t.getDayOfWeek();
            parts.add(d.getDisplayName(TextStyle.SHORT, Locale.ROOT) + " " + t.toLocalDate() + " "
                    + t.toLocalTime() + " UTC");
        }
        return "{" + String.join(", ", parts) + "}";
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9@._:/-]+") ? s : compact(s);
    }

    private static String compact(Object o) {
        try {
            return Json.mapper().writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return String.valueOf(o);
        }
    }

}
