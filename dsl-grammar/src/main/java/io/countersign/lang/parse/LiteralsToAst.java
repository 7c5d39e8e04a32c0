package io.countersign.lang.parse;

import io.countersign.lang.ast.Literal;
import io.countersign.lang.ast.Loc;
import io.countersign.lang.diag.Code;
import io.countersign.lang.grammar.PolicyParser.*;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Decodes the literals of the parse tree (strings and their escapes, numbers, durations, times, dates, lists).
 * A malformed one is reported at the literal and replaced by a harmless value, so building goes on.
 */
final class LiteralsToAst {

    private final AstLocs locs;

    LiteralsToAst(AstLocs locs) {
        this.locs = locs;
    }

    Literal literal(LiteralContext ctx) {
        Loc loc = locs.loc(ctx);
        if (ctx instanceof StringLiteralContext s) {
            return string(s.STRING());
        } else if (ctx instanceof IntLiteralContext i) {
            // The sign is part of the number, so the most negative long is a number too.
            String text = (i.MINUS() != null ? "-" : "") + i.INT().getText();
            try {
                return new Literal.Int(Long.parseLong(text), loc);
            } catch (NumberFormatException e) {
                locs.error(Code.NUMBER_TOO_LARGE, loc, "number too large: " + text);
                return new Literal.Int(0, loc);
            }
        } else if (ctx instanceof DecimalLiteralContext d) {
            BigDecimal v = new BigDecimal(d.DECIMAL().getText());
            return new Literal.Decimal(d.MINUS() != null ? v.negate() : v, loc);
        } else if (ctx instanceof BoolLiteralContext b) {
            return new Literal.Bool(b.TRUE() != null, loc);
        } else if (ctx instanceof DurationLiteralContext d) {
            return duration(d.DURATION());
        } else if (ctx instanceof TimeLiteralContext t) {
            return time(t.TIME());
        } else if (ctx instanceof DateLiteralContext d) {
            return date(d.DATE());
        } else if (ctx instanceof ListLiteralContext l) {
            return list(l.list());
        }
        throw new IllegalStateException("unhandled literal " + ctx.getClass().getSimpleName());
    }

    Literal.ListOf list(ListContext ctx) {
        List<Literal> elements = new ArrayList<>();
        for (LiteralContext l : ctx.literal()) {
            elements.add(literal(l));
        }
        return new Literal.ListOf(elements, locs.loc(ctx));
    }

    Literal.Str string(TerminalNode node) {
        Token t = node.getSymbol();
        Loc loc = locs.loc(t);
        String text = t.getText();
        int[] cps = text.codePoints().toArray();
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < cps.length - 1; i++) {
            int c = cps[i];
            if (c != '\\') {
                out.appendCodePoint(c);
                continue;
            }
            int e = i + 1 < cps.length - 1 ? cps[i + 1] : -1;
            switch (e) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'u' -> {
                    String hex = i + 6 <= cps.length - 1 ? new String(cps, i + 2, 4) : "";
                    if (hex.matches("[0-9A-Fa-f]{4}")) {
                        out.append((char) Integer.parseInt(hex, 16));
                        i += 4;
                    } else {
                        locs.error(Code.BAD_ESCAPE, at(loc, i, Math.min(cps.length - 1, i + 6)),
                                "\\u must be followed by four hexadecimal digits");
                    }
                }
                default -> locs.error(Code.BAD_ESCAPE, at(loc, i, i + 2), "unknown escape "
                        + (e < 0 ? "\\" : "\\" + new String(Character.toChars(e)))
                        + " in string; the escapes are \\\" \\\\ \\n \\t and \\uXXXX");
            }
            i++;
        }
        return new Literal.Str(out.toString(), loc);
    }

    long integer(TerminalNode node) {
        try {
            return Long.parseLong(node.getText());
        } catch (NumberFormatException e) {
            locs.error(Code.NUMBER_TOO_LARGE, locs.loc(node.getSymbol()), "number too large: " + node.getText());
            return 0;
        }
    }

    Literal.Dur duration(TerminalNode node) {
        Loc loc = locs.loc(node.getSymbol());
        String text = node.getText();
        try {
            return new Literal.Dur(DurationText.parse(text), text, loc);
        } catch (IllegalArgumentException e) {
            locs.error(Code.BAD_DURATION, loc, e.getMessage());
            return new Literal.Dur(java.time.Duration.ofSeconds(1), text, loc);
        }
    }

    Literal.Time time(TerminalNode node) {
        Loc loc = locs.loc(node.getSymbol());
        String text = node.getText();
        if (text.indexOf(':') != 2) {
            locs.error(Code.BAD_TIME, loc, "times of day are written HH:MM with two-digit hours, like 08:00");
            return new Literal.Time(LocalTime.MIDNIGHT, loc);
        }
        int h = Integer.parseInt(text.substring(0, 2));
        int m = Integer.parseInt(text.substring(3));
        if (h > 23 || m > 59) {
            locs.error(Code.BAD_TIME, loc, "time of day out of range: " + text + " (times run from 00:00 to 23:59)");
            return new Literal.Time(LocalTime.MIDNIGHT, loc);
        }
        return new Literal.Time(LocalTime.of(h, m), loc);
    }

    Literal.Date date(TerminalNode node) {
        Loc loc = locs.loc(node.getSymbol());
        try {
            return new Literal.Date(LocalDate.parse(node.getText()), loc);
        } catch (DateTimeException e) {
            locs.error(Code.BAD_DATE, loc, "not a date: " + node.getText());
            // null, not a made-up date: the checker skips comparisons with it instead of reporting
            // errors the author did not make.
            return new Literal.Date(null, loc);
        }
    }

    /** The code points {@code from..to} of a single-line token at {@code loc}. */
    private static Loc at(Loc loc, int from, int to) {
        return new Loc(loc.file(), loc.line(), loc.column() + from, loc.line(), loc.column() + to, loc.start() + from,
                loc.start() + to);
    }
}
