package io.countersign.lang.format;

import io.countersign.lang.ast.Literal;
import io.countersign.lang.ast.Window;
import java.time.DayOfWeek;
import java.util.stream.Collectors;

/**
 * The text of literals and windows as the language writes them, with strings escaped one way; the public
 * entry points are {@link Formatter#literal}, {@link Formatter#string} and {@link Formatter#window}.
 */
final class LiteralText {

    private LiteralText() {
    }

    /** A literal as the language writes it. */
    static String literal(Literal l) {
        if (l instanceof Literal.Str s) {
            return string(s.value());
        } else if (l instanceof Literal.Int i) {
            return Long.toString(i.value());
        } else if (l instanceof Literal.Decimal d) {
            return d.value().toPlainString();
        } else if (l instanceof Literal.Bool b) {
            return Boolean.toString(b.value());
        } else if (l instanceof Literal.Dur d) {
            return d.text();
        } else if (l instanceof Literal.Time t) {
            return t.value().toString();
        } else if (l instanceof Literal.Date d) {
            return d.value().toString();
        }
        return ((Literal.ListOf) l).elements().stream().map(LiteralText::literal)
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** A string literal, escaped one way: {@code \" \\ \n \t}, other control characters as {@code \\uXXXX}. */
    static String string(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                            || Character.getType(c) == Character.PARAGRAPH_SEPARATOR
                            || Character.getType(c) == Character.FORMAT || Character.isSurrogate(c)
                                    && !validSurrogate(value, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** A window as written: {@code mon-fri 08:00-19:00 in "Europe/Berlin"}. */
    static String window(Window w) {
        String days;
        if (w.days() instanceof Window.Days.Daily) {
            days = "daily";
        } else if (w.days() instanceof Window.Days.Weekdays) {
            days = "weekdays";
        } else if (w.days() instanceof Window.Days.Weekends) {
            days = "weekends";
        } else {
            days = ((Window.Days.Listed) w.days()).ranges().stream()
                    .map(r -> r.single() ? day(r.from()) : day(r.from()) + "-" + day(r.to()))
                    .collect(Collectors.joining(", "));
        }
        return days + " " + w.start().value() + "-" + w.end().value()
                + w.zone().map(z -> " in " + string(z.value())).orElse("");
    }

    private static String day(DayOfWeek d) {
        return d.name().substring(0, 3).toLowerCase(java.util.Locale.ROOT);
    }
}
