package io.countersign.bench;

import io.countersign.engine.request.AccessRequest;
import io.countersign.lang.source.SourceFile;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Policy sets of a realistic shape: a company-wide policy with the risk factors, and teams of ten
 * rules, each rule naming its profile and mixing
 * group membership, duration limits and business-hours windows in three zones; a quarter approve
 * at once, a quarter approve inside hours, a quarter route to leads, a quarter deny out of hours.
 * Requests name one of the set's profiles (so a request meets the rules written for it, as in a
 * real company), with varied groups, durations and instants across the week.
 */
public final class GeneratedPolicies {

    static final String[] ZONES = {"Europe/Berlin", "America/Los_Angeles", "Asia/Tokyo"};

    private GeneratedPolicies() {
    }

    /** The shape: profile equality, group membership, duration limits, windows. */
    public static List<SourceFile> policies(int rules) {
        return policies(rules, false);
    }

    /**
     * With {@code risk}, also a company-wide policy of three risk factors (one of which holds for every
     * benchmark request) and a second, risk-dependent stage on the routing rules.
     */
    public static List<SourceFile> policies(int rules, boolean risk) {
        List<SourceFile> files = new ArrayList<>();
        if (risk) {
            files.add(new SourceFile("company.policy", """
                policy company {
                  description "Company-wide risk factors"

                  risk contractor   +40 when requester.employment == "contractor"
                  risk long-session +20 when duration > 8h
                  risk no-ticket    +10 when not has ticket
                }
                """));
        }
        int teams = Math.max(1, rules / 10);
        for (int t = 0; t < teams; t++) {
            StringBuilder p = new StringBuilder();
            p.append("policy team-").append(t).append(" {\n");
            p.append("  window business-hours = mon-fri 08:00-19:00 in \"").append(ZONES[t % ZONES.length])
                    .append("\"\n\n");
            for (int k = 0; k < 10 && t * 10 + k < rules; k++) {
                int i = t * 10 + k;
                p.append("\n  rule r").append(i).append(" {\n    when profile == \"p").append(i).append("\"");
                switch (i % 4) {
                    case 0 -> p.append(" and requester in group \"g").append(i % 50)
                            .append("\" and duration <= 4h\n    then approve\n      cap duration 2h\n");
                    case 1 -> p.append(" and duration <= 8h and now during business-hours\n    then approve\n");
                    case 2 -> p.append(" and requester not in group \"contractors\"\n    then require approval\n")
                            .append("      from 1 of group \"leads-").append(t).append("\"\n")
                            .append(risk ? "      then from 1 of group \"security\" when risk >= 50\n" : "");
                    default -> p.append(" and not now during business-hours\n    then deny \"out of hours\"\n");
                }
                p.append("  }\n");
            }
            p.append("}\n");
            files.add(new SourceFile(String.format("team-%05d.policy", t), p.toString()));
        }
        return files;
    }

    public static List<AccessRequest> requests(int rules, int count, long seed) {
        Random random = new Random(seed);
        List<AccessRequest> out = new ArrayList<>();
        OffsetDateTime monday = OffsetDateTime.of(2026, 3, 2, 0, 0, 0, 0, ZoneOffset.UTC);
        for (int n = 0; n < count; n++) {
            int i = random.nextInt(rules);
            List<String> groups = new ArrayList<>();
            groups.add("g" + random.nextInt(50));
            if (random.nextInt(10) == 0) {
                groups.add("contractors");
            }
            Map<String, Object> attributes = Map.of("employment", random.nextInt(5) == 0 ? "contractor" : "employee");
            out.add(new AccessRequest("req-" + n, "user" + random.nextInt(1000), groups, attributes, "p" + i,
                    List.of("read"), Duration.ofMinutes(15 + random.nextInt(12 * 60)), null, "benchmark", null,
                    Map.of(), monday.plusMinutes(random.nextInt(7 * 24 * 60))));
        }
        return out;
    }
}
