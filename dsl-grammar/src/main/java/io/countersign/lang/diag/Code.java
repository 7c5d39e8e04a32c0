package io.countersign.lang.diag;

/**
 * What kind of problem a diagnostic reports, as a program (an editor, CI, the HTTP server) branches
 * on it. The names are stable; the messages beside them are for people and may change. docs/api.md
 * lists them with an example each.
 */
public enum Code {
    /** The text does not parse: a token where the grammar expects another. */
    SYNTAX,
    /** A string that does not end on its line. */
    UNTERMINATED_STRING,
    /** A character the language does not use. */
    UNEXPECTED_CHARACTER,
    /** Parentheses, brackets and {@code not} nested too deeply. */
    NESTING_TOO_DEEP,
    /** A number too large to hold. */
    NUMBER_TOO_LARGE,
    /** An unknown or malformed escape in a string. */
    BAD_ESCAPE,
    /** A duration that is not one, or not longer than zero. */
    BAD_DURATION,
    /** A time of day that is not {@code HH:MM} or out of range. */
    BAD_TIME,
    /** A date that is not one, or dates in reverse. */
    BAD_DATE,
    /** A time zone id the JDK does not know. */
    UNKNOWN_ZONE,
    /** A name declared twice, or a part a policy or outcome may have once given twice. */
    DUPLICATE,
    /** A name the language does not allow (empty, reserved, malformed). */
    BAD_NAME,
    /** Text that must not be empty (a denial's reason, a stipulation, a follow-up). */
    EMPTY_TEXT,
    /** A {@code complies} line naming no control, or a control id that is not one (too long, not one line). */
    BAD_CONTROL,
    /** A risk weight outside -100..+100. */
    RISK_WEIGHT_RANGE,
    /** {@code risk} where it cannot be known yet (in a risk factor, a scope). */
    RISK_NOT_ALLOWED,
    /** A quorum that cannot be met (zero, more than the users named, {@code all of} a group). */
    QUORUM,
    /** An approver path that does not name a user id. */
    APPROVER_PATH,
    /** A clause the outcome does not take (a grant's clause on a denial, …). */
    CLAUSE_NOT_ALLOWED,
    /** {@code grant only} with nothing, or with something other than strings. */
    GRANT_ONLY,
    /** A window used but not declared. */
    UNDEFINED_WINDOW,
    /** A path the request does not have ({@code user.name}). */
    UNKNOWN_ATTRIBUTE,
    /** Values compared, tested or listed together whose types do not go together. */
    TYPE_MISMATCH,
    /** A regular expression that does not compile. */
    INVALID_REGEX,
    /** A time of day or a date outside a window or {@code now between}. */
    MISPLACED_LITERAL,
    /** (warning) A condition set to different values by rules that may apply together. */
    CONDITION_CONFLICT,
    /** A file that cannot be read as a policy (unreadable, too large, not UTF-8). */
    UNREADABLE_FILE,
    /** A {@code directory.yaml} beside the policies that is not what it must be ({@code policy check}). */
    DIRECTORY
}
