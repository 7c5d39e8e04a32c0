package io.countersign.engine.report;

import io.countersign.lang.format.Formatter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Gathers the evidence for suggestions as requests stream past: per profile and requester's group, how
 * people decided; per profile, how often routed requests expired and who answered the others.
 */
final class Suggester {

    /** People's decisions on one profile's requests from one group's members. */
    private static final class Group {
        long approved;
        long denied;
        long expired;
        int maxRisk;
        Duration cap = Duration.ZERO;
    }

    /** One profile's requests that went to people. */
    private static final class Routed {
        long routed;
        long expired;
        final Set<String> approvers = new LinkedHashSet<>();
        final Map<String, long[]> answered = new TreeMap<>();
    }

    private final Map<String, Map<String, Group>> groups = new TreeMap<>();
    private final Map<String, Routed> routed = new TreeMap<>();

    void add(Fact f) {
        if (f.fate() != Fate.APPROVED && f.fate() != Fate.DENIED && f.fate() != Fate.EXPIRED) {
            return;
        }
        Map<String, Group> byGroup = groups.computeIfAbsent(f.profile(), p -> new TreeMap<>());
        for (String g : f.groups()) {
            Group e = byGroup.computeIfAbsent(g, x -> new Group());
            switch (f.fate()) {
                case APPROVED -> {
                    e.approved++;
                    e.maxRisk = Math.max(e.maxRisk, f.risk());
                    if (f.duration() != null && f.duration().compareTo(e.cap) > 0) {
                        e.cap = f.duration();
                    }
                }
                case DENIED -> e.denied++;
                default -> e.expired++;
            }
        }
        Routed r = routed.computeIfAbsent(f.profile(), p -> new Routed());
        r.routed++;
        if (f.fate() == Fate.EXPIRED) {
            r.expired++;
            r.approvers.addAll(f.approvers());
        }
        for (Fact.PersonDecision d : f.decisions()) {
            r.answered.computeIfAbsent(d.approver(), a -> new long[2])[d.approved() ? 0 : 1]++;
        }
    }

    List<Suggestion> suggestions(ReportQuery q, long days) {
        List<Suggestion> out = new ArrayList<>();
        groups.forEach((profile, byGroup) -> best(q, byGroup).ifPresent(g -> out.add(instant(profile, g.getKey(),
                g.getValue(), days))));
        routed.forEach((profile, r) -> {
            if (r.routed >= q.minEvidence() && r.expired >= q.unansweredShare() * r.routed && r.expired > 0) {
                List<ApproverLoad> by = r.answered.entrySet().stream()
                        .map(e -> new ApproverLoad(e.getKey(), e.getValue()[0], e.getValue()[1], null))
                        .sorted(Comparator.comparingLong(ApproverLoad::decisions).reversed()).limit(5).toList();
                out.add(new Suggestion.Unanswered(profile, r.expired, r.routed, days, List.copyOf(r.approvers), by));
            }
        });
        return out;
    }

    /** The group with the most approvals among those people never denied, with evidence enough. */
    private static java.util.Optional<Map.Entry<String, Group>> best(ReportQuery q, Map<String, Group> byGroup) {
        return byGroup.entrySet().stream()
                .filter(e -> e.getValue().denied == 0 && e.getValue().approved >= q.minEvidence())
                .max(Comparator.comparingLong((Map.Entry<String, Group> e) -> e.getValue().approved)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()));
    }

    private static Suggestion instant(String profile, String group, Group g, long days) {
        // the next multiple of ten above the riskiest approved request: a bound with a little room
        Integer below = g.maxRisk >= 90 ? null : (g.maxRisk / 10 + 1) * 10;
        Duration cap = g.cap.isZero() ? null : g.cap;
        StringBuilder rule = new StringBuilder();
        rule.append("rule ").append(name("instant-" + profile + "-" + group)).append(" {\n");
        rule.append("  description ").append(Formatter.string("Suggested by countersign report: approved by a person "
                + g.approved + " of " + g.approved + " times in " + days + (days == 1 ? " day" : " days"))).append('\n');
        rule.append("  when profile == ").append(Formatter.string(profile)).append(" and requester in group ")
                .append(Formatter.string(group));
        if (below != null) {
            rule.append(" and risk < ").append(below);
        }
        rule.append("\n  then approve\n");
        if (cap != null) {
            rule.append("    cap duration ").append(span(cap)).append('\n');
        }
        rule.append("}\n");
        return new Suggestion.InstantRule(profile, group, g.approved, g.approved, g.expired, days, below, cap,
                rule.toString());
    }

    /** A rule name the language accepts ({@code [a-z][a-z0-9_-]*}) from free text. */
    static String name(String text) {
        String n = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("-{2,}", "-");
        n = n.replaceAll("-$", "");
        return n.isEmpty() || !Character.isLetter(n.charAt(0)) ? "r-" + n : n;
    }

    /** A duration as the language writes it: whole days, hours or minutes, else seconds. */
    static String span(Duration d) {
        long s = d.getSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        } else if (s % 3600 == 0) {
            return s / 3600 + "h";
        } else if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
