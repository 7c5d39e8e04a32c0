package io.countersign.lang.check;

import io.countersign.lang.ast.Expr;
import io.countersign.lang.ast.Literal;
import io.countersign.lang.ast.Window;
import io.countersign.lang.diag.Code;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;

/**
 * The checks of a condition ({@code scope}, {@code when}, a risk factor's or a stage's condition), leaf by
 * leaf, and of the windows and time zones conditions read; the type rules are {@link Types}'.
 */
final class Expressions {

    private final Findings findings;
    private final Types types;

    Expressions(Findings findings, Types types) {
        this.findings = findings;
        this.types = types;
    }

    void expr(Expr e, Map<String, Window> windows, Context context) {
        e.accept(new ExprChecks(windows, context));
    }

    void window(Window w) {
        w.zone().ifPresent(this::zone);
    }

    private void zone(Literal.Str zone) {
        try {
            ZoneId.of(zone.value());
        } catch (DateTimeException e) {
            findings.error(Code.UNKNOWN_ZONE, zone.loc(), "unknown time zone \"" + zone.value() + "\": use a zone id like \"Europe/Berlin\" or \"UTC\"");
        }
    }

    /** The checks of each kind of condition: a new kind fails to compile here until it is checked. */
    private final class ExprChecks implements Expr.Leaves {
        private final Map<String, Window> windows;
        private final Context context;

        ExprChecks(Map<String, Window> windows, Context context) {
            this.windows = windows;
            this.context = context;
        }

        @Override
        public Void has(Expr.Has h) {
            types.path(h.path(), context);
            return null;
        }

        @Override
        public Void inGroup(Expr.InGroup g) {
            if (g.group().value().isBlank()) {
                findings.error(Code.BAD_NAME, g.group().loc(), "a group name cannot be empty");
            }
            return null;
        }

        @Override
        public Void during(Expr.During d) {
            return d.window().fold(n -> {
                if (!windows.containsKey(n.name().text())) {
                    findings.error(Code.UNDEFINED_WINDOW, n.loc(), "undefined window '" + n.name().text() + "'"
                            + (windows.isEmpty() ? ": this policy declares no windows"
                                    : "; this policy declares " + String.join(", ",
                                            windows.keySet().stream().sorted().toList())));
                }
                return null;
            }, i -> {
                window(i.window());
                return null;
            });
        }

        @Override
        public Void between(Expr.Between b) {
            b.zone().ifPresent(Expressions.this::zone);
            if (b.from().value() != null && b.to().value() != null && b.from().value().isAfter(b.to().value())) {
                findings.error(Code.BAD_DATE, b.to().loc(), "reversed dates: " + b.to().value() + " is before " + b.from().value());
            }
            return null;
        }

        @Override
        public Void compare(Expr.Compare c) {
            types.compare(c, context);
            return null;
        }

        @Override
        public Void in(Expr.In i) {
            types.in(i, context);
            return null;
        }

        @Override
        public Void matches(Expr.Matches m) {
            types.matches(m, context);
            return null;
        }

        @Override
        public Void contains(Expr.Contains c) {
            types.contains(c, context);
            return null;
        }
    }
}
