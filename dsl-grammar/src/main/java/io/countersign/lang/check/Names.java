package io.countersign.lang.check;

import java.util.Set;
import java.util.regex.Pattern;

/** What may name a policy, rule, window, risk factor or condition. */
public final class Names {

    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_-]*");
    private static final Pattern DAY_RANGE = Pattern.compile("(mon|tue|wed|thu|fri|sat|sun)-(mon|tue|wed|thu|fri|sat|sun)");

    /** Reserved words: never names, even where a name would be unambiguous. */
    public static final Set<String> RESERVED = Set.of("policy", "rule", "when", "then", "approve", "deny", "require",
            "approval", "from", "of", "all", "escalate", "after", "to", "expire", "allow", "self-approval", "no",
            "delegation", "cap", "duration", "grant", "only", "review", "condition", "stipulate", "follow", "up",
            "within", "renewable", "appeal", "description", "scope", "default", "window", "risk", "and", "or", "not",
            "in", "matches", "regex", "contains", "any", "has", "during", "between", "now", "true", "false", "user",
            "group", "daily", "weekdays", "weekends", "mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private Names() {
    }

    /** Why {@code name} cannot name a {@code what}, or null when it can. */
    public static String problem(String name, String what) {
        if (RESERVED.contains(name)) {
            return "'" + name + "' is a reserved word and cannot name a " + what;
        }
        if (DAY_RANGE.matcher(name).matches()) {
            // now during mon-fri 08:00-18:00 is an inline window, so a name that reads as days would be ambiguous.
            return "'" + name + "' reads as a range of days and cannot name a " + what;
        }
        if (!VALID.matcher(name).matches()) {
            return "'" + name + "' cannot name a " + what
                    + ": names are lowercase letters, digits, '_' and '-', starting with a letter";
        }
        return null;
    }
}
