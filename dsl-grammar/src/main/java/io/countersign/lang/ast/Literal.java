package io.countersign.lang.ast;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/** A literal value. */
public sealed interface Literal extends Operand {

    /** A string, escapes decoded. */
    record Str(String value, Loc loc) implements Literal {
    }

    /** An integer. */
    record Int(long value, Loc loc) implements Literal {
    }

    /** A decimal, scale kept as written ({@code 1.50} stays {@code 1.50}). */
    record Decimal(BigDecimal value, Loc loc) implements Literal {
    }

    /** {@code true} or {@code false}. */
    record Bool(boolean value, Loc loc) implements Literal {
    }

    /** A duration; {@code text} is as written ({@code 90m} is not rewritten as {@code 1h30m}). */
    record Dur(Duration value, String text, Loc loc) implements Literal {
    }

    /** A time of day, {@code HH:MM}. */
    record Time(LocalTime value, Loc loc) implements Literal {
    }

    /** A date, {@code YYYY-MM-DD}; null only in a file whose diagnostics report it as malformed. */
    record Date(LocalDate value, Loc loc) implements Literal {
    }

    /** {@code [a, b, ...]}. */
    record ListOf(List<Literal> elements, Loc loc) implements Literal {
        public ListOf {
            elements = List.copyOf(elements);
        }
    }
}
