package io.countersign.analysis.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random, well-typed policy text over a small vocabulary (so that rules overlap often), with every
 * construct of the decidable core: equality, globs, the regular regex subset, membership, groups,
 * permissions, durations, open attributes of any kind, has, windows in DST zones, date ranges, risk
 * factors and risk, scopes, defaults, stage conditions, path approvers, self-approval and grants.
 * A second set is the first with a few edits, as a pull request would make.
 */
final class RandomPolicies {

    static final String[] PROFILES = {"prod-admin", "prod-read", "db-x", "dev"};
    static final String[] GROUPS = {"oncall", "sre", "leads"};
    static final String[] PERMS = {"read", "write", "list"};
    static final String[] ZONES = {"UTC", "Europe/Berlin", "America/Los_Angeles", "Australia/Lord_Howe"};

    private final Random random;

    RandomPolicies(Random random) {
        this.random = random;
    }

    private boolean chance(double p) {
        return random.nextDouble() < p;
    }

    @SafeVarargs
    private <T> T pick(T... xs) {
        return xs[random.nextInt(xs.length)];
    }

    /** One policy set as text: one or two policies. */
    String set() {
        StringBuilder b = new StringBuilder();
        int policies = 1 + random.nextInt(2);
        for (int i = 0; i < policies; i++) {
            b.append(policy("p" + i, i == 0)).append('\n');
        }
        return b.toString();
    }

    /** The set with one to three of its lines replaced: a rule's condition, outcome, or a new rule. */
    String edit(String text) {
        String out = text;
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            List<String> lines = new ArrayList<>(List.of(out.split("\n", -1)));
            List<Integer> whens = new ArrayList<>();
            List<Integer> thens = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("    when ")) {
                    whens.add(i);
                } else if (lines.get(i).startsWith("    then ")) {
                    thens.add(i);
                }
            }
            int kind = random.nextInt(3);
            if (kind == 0 && !whens.isEmpty()) {
                lines.set(pick(whens.toArray(new Integer[0])), "    when " + expr(2, true));
            } else if (kind == 1 && !thens.isEmpty()) {
                lines.set(pick(thens.toArray(new Integer[0])), "    then " + outcome(true));
            } else {
                int close = lines.lastIndexOf("}");
                lines.add(close, rule("extra" + e, true));
            }
            out = String.join("\n", lines);
        }
        return out;
    }

    private String policy(String name, boolean risky) {
        StringBuilder b = new StringBuilder("policy " + name + " {\n");
        if (chance(0.4)) {
            b.append("  scope ").append(pick("profile matches \"prod-*\"", "profile != \"dev\"",
                    "requester.employment != \"contractor\"", "has ticket")).append('\n');
        }
        if (chance(0.5)) {
            b.append("  default ").append(outcome(false)).append('\n');
        }
        b.append("  window w = ").append(window()).append('\n');
        if (risky) {
            b.append("  risk r1 +").append(10 + random.nextInt(60)).append(" when ").append(expr(1, false)).append('\n');
            b.append("  risk r2 -").append(random.nextInt(30)).append(" when ").append(expr(1, false)).append('\n');
        }
        int rules = 1 + random.nextInt(3);
        for (int i = 0; i < rules; i++) {
            b.append(rule("r" + i, risky)).append('\n');
        }
        return b.append("}\n").toString();
    }

    private String rule(String name, boolean risk) {
        return "  rule " + name + " {\n    when " + expr(2, risk) + "\n    then " + outcome(risk) + "\n  }\n";
    }

    private String window() {
        String days = pick("mon-fri", "daily", "weekends", "sat-mon", "tue, thu");
        int s = random.nextInt(24);
        int e = random.nextInt(24);
        return days + String.format(" %02d:%02d-%02d:00", s, pick(0, 30), e) + " in \"" + pick(ZONES) + "\"";
    }

    private String outcome(boolean risk) {
        return switch (random.nextInt(5)) {
            case 0 -> "deny \"no\"" + (chance(0.3) ? " appeal to group \"leads\"" : "");
            case 1, 2 -> "approve" + grants();
            default -> "require approval from " + stage(risk) + (chance(0.3) ? " then from " + stage(risk) : "")
                    + (chance(0.2) ? " allow self-approval" : "") + (chance(0.2) ? " expire after 2h" : "") + grants();
        };
    }

    private String stage(boolean risk) {
        String approvers = switch (random.nextInt(4)) {
            case 0 -> "group \"" + pick(GROUPS) + "\"";
            case 1 -> "user \"" + pick("alice", "bob") + "\"";
            case 2 -> "requester.manager";
            default -> "user \"alice\", requester.manager";
        };
        String quorum = approvers.startsWith("group") ? pick("1", "2") : pick("1", "all");
        return quorum + " of " + approvers + (chance(0.3) ? " when " + expr(1, risk) : "");
    }

    private String grants() {
        StringBuilder b = new StringBuilder();
        if (chance(0.3)) {
            b.append(" cap duration ").append(pick("1h", "4h", "8h"));
        }
        if (chance(0.25)) {
            b.append(" grant only [").append(pick("\"read\"", "\"read\", \"list\"", "\"write\"")).append(']');
        }
        if (chance(0.2)) {
            b.append(" stipulate \"recorded\"");
        }
        if (chance(0.15)) {
            b.append(" condition mode = \"").append(pick("ro", "rw")).append('"');
        }
        return b.toString();
    }

    String expr(int depth, boolean risk) {
        if (depth > 0 && chance(0.45)) {
            String op = pick(" and ", " or ");
            String e = expr(depth - 1, risk) + op + expr(depth - 1, risk);
            return chance(0.2) ? "not (" + e + ")" : "(" + e + ")";
        }
        return predicate(risk);
    }

    private String predicate(boolean risk) {
        return switch (random.nextInt(17)) {
            case 0 -> "profile == \"" + pick(PROFILES) + "\"";
            case 1 -> "profile matches \"" + pick("prod-*", "db-?", "*-read", "d*") + "\"";
            case 2 -> "profile matches regex \"" + pick("prod-(admin|read)", "[a-d][a-z]+-x", "dev|db-.") + "\"";
            case 3 -> "profile " + pick("in", "not in") + " [\"" + pick(PROFILES) + "\", \"" + pick(PROFILES) + "\"]";
            case 4 -> "requester " + pick("in", "not in") + " group \"" + pick(GROUPS) + "\"";
            case 5 -> chance(0.4) ? "permissions contains \"" + pick(PERMS) + "\""
                    : "permissions contains " + pick("any", "all") + " [\"" + pick(PERMS) + "\", \"" + pick(PERMS) + "\"]";
            case 6 -> "duration " + pick("<", "<=", ">", ">=") + " " + pick("1h", "4h", "8h", "90m");
            case 7 -> "requester.employment " + pick("==", "!=") + " \"" + pick("contractor", "employee") + "\"";
            case 8 -> "context.mfa " + pick("==", "!=") + " " + pick("true", "false");
            case 9 -> "context.level " + pick("<", ">=", "==") + " " + pick("2", "2.5", "10");
            case 10 -> "has " + pick("ticket", "context.incident", "requester.manager", "permissions", "justification");
            case 11 -> "now during " + (chance(0.5) ? "w" : window());
            case 12 -> "now between " + pick("2026-03-01 and 2026-03-31", "2026-10-20 and 2026-11-02")
                    + (chance(0.5) ? " in \"" + pick(ZONES) + "\"" : "");
            case 13 -> risk ? "risk " + pick(">=", "<") + " " + pick("20", "40", "70") : "duration > 2h";
            case 14 -> "requester == \"" + pick("alice", "bob") + "\"";
            case 15 -> pick("requester.manager in groups", "requester.manager == \"bob\"",
                    "requester.manager in [\"bob\", \"alice\"]");
            default -> "\"" + pick(GROUPS) + "\" in groups";
        };
    }
}
