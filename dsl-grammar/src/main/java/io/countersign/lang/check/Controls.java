package io.countersign.lang.check;

import io.countersign.lang.ast.Complies;
import io.countersign.lang.ast.Item;
import io.countersign.lang.ast.Literal;
import io.countersign.lang.diag.Code;
import io.countersign.lang.diag.Diagnostic;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code complies} lines of a rule: every line names a control, every control is a well-formed id
 * ({@link #problem}), and no control is named twice in one rule (ignoring case: {@code sox-404} and
 * {@code SOX-404} are one control to an auditor).
 */
final class Controls {

    /** The longest control id, in code points: an id, not a description of the control. */
    static final int MAX_LENGTH = 100;

    private Controls() {
    }

    static void check(Item.Rule rule, String ruleId, List<Diagnostic> out) {
        Map<String, Literal.Str> seen = new HashMap<>();
        for (Complies line : rule.complies()) {
            if (line.controls().isEmpty()) {
                out.add(Diagnostic.error(Code.BAD_CONTROL, line.loc(), "'complies' names no control: write the"
                        + " controls the rule satisfies, as strings (complies \"SOX-404\" \"ISO27001-A.9.2\")"));
                continue;
            }
            for (Literal.Str control : line.controls()) {
                String value = control.value();
                if (value.isBlank()) {
                    out.add(Diagnostic.error(Code.EMPTY_TEXT, control.loc(), "a control needs an id"));
                    continue;
                }
                String problem = problem(value);
                if (problem != null) {
                    out.add(Diagnostic.error(Code.BAD_CONTROL, control.loc(), problem));
                    continue;
                }
                Literal.Str first = seen.putIfAbsent(value.toLowerCase(Locale.ROOT), control);
                if (first != null) {
                    out.add(Diagnostic.error(Code.DUPLICATE, control.loc(), "control " + quote(value)
                            + " is named twice in rule " + ruleId + " (first at " + first.loc().position() + ")"));
                }
            }
        }
    }

    /**
     * Why {@code id} is not a control id, or null when it is: at most {@value #MAX_LENGTH} characters
     * of printable text on one line, without spaces at either end.
     */
    static String problem(String id) {
        if (id.codePointCount(0, id.length()) > MAX_LENGTH) {
            return "control " + quote(id.substring(0, id.offsetByCodePoints(0, 20)) + "...") + " is longer than " + MAX_LENGTH
                    + " characters: name the control by its id, not its text";
        }
        for (int i = 0; i < id.length(); ) {
            int cp = id.codePointAt(i);
            int type = Character.getType(cp);
            if (Character.isISOControl(cp) || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT
                    || type == Character.SURROGATE || type == Character.UNASSIGNED || type == Character.PRIVATE_USE) {
                return "control " + quote(id) + " holds " + String.format("U+%04X", cp)
                        + ": a control id is printable text on one line";
            }
            i += Character.charCount(cp);
        }
        if (!id.strip().equals(id)) {
            return "control " + quote(id) + " starts or ends with a space";
        }
        return null;
    }

    private static String quote(String s) {
        return "'" + s + "'";
    }
}
