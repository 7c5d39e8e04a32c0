package io.countersign.analysis.lint;

import io.countersign.analysis.report.Level;

/** The lint findings, with stable codes: never renumbered, never reused. */
public enum LintCode {
    NEVER_HOLDS("CS-L001", "never-holds", Level.WARNING, "a rule whose condition can never hold"),
    SHADOWED("CS-L002", "shadowed-rule", Level.WARNING, "a rule that fires but never decides: another always wins"),
    DENY_NEVER_FIRES("CS-L003", "deny-never-fires", Level.WARNING, "a deny that can never fire"),
    WINDOW_NEVER_HOLDS("CS-L004", "window-never-holds", Level.WARNING, "a window or date range that never holds"),
    ALWAYS_TRUE("CS-L005", "always-true", Level.WARNING, "a condition that always holds where it is evaluated"),
    UNUSED_WINDOW("CS-L006", "unused-window", Level.WARNING, "a window no condition uses"),
    UNUSED_RISK("CS-L007", "unused-risk-factor", Level.WARNING, "a risk factor that no decision can depend on"),
    RISK_NEVER_HOLDS("CS-L008", "risk-never-holds", Level.WARNING, "a risk factor whose condition never holds"),
    CONFLICT("CS-L009", "conflicting-rules", Level.WARNING,
            "rules that decide together with conflicting grants, where no precedence decides"),
    SCOPE_NEVER_HOLDS("CS-L010", "scope-never-holds", Level.WARNING, "a policy whose scope never holds"),
    OUTSIDE_CORE("CS-L011", "outside-core", Level.NOTE,
            "a predicate outside the decidable core: answers involving it may be incomplete"),
    INCONCLUSIVE("CS-L012", "inconclusive", Level.NOTE, "the solver could not answer in time");

    private final String code;
    private final String slug;
    private final Level level;
    private final String summary;

    LintCode(String code, String slug, Level level, String summary) {
        this.code = code;
        this.slug = slug;
        this.level = level;
        this.summary = summary;
    }

    public String code() {
        return code;
    }

    public String slug() {
        return slug;
    }

    public Level defaultLevel() {
        return level;
    }

    public String summary() {
        return summary;
    }

    /** By code ({@code CS-L002}) or name ({@code shadowed-rule}); null when neither. */
    public static LintCode find(String s) {
        for (LintCode c : values()) {
            if (c.code.equalsIgnoreCase(s) || c.slug.equalsIgnoreCase(s)) {
                return c;
            }
        }
        return null;
    }
}
