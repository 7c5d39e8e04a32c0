package io.countersign.lang.check;

import io.countersign.lang.ast.Literal;

/** The value of a literal without its position, for comparing what two clauses set. */
public final class LiteralValues {

    private LiteralValues() {
    }

    public static Object of(Literal l) {
        if (l instanceof Literal.Str s) {
            return s.value();
        } else if (l instanceof Literal.Int i) {
            return java.math.BigDecimal.valueOf(i.value()).stripTrailingZeros();
        } else if (l instanceof Literal.Decimal d) {
            return d.value().stripTrailingZeros();
        } else if (l instanceof Literal.Bool b) {
            return b.value();
        } else if (l instanceof Literal.Dur d) {
            return d.value();
        } else if (l instanceof Literal.Time t) {
            return t.value();
        } else if (l instanceof Literal.Date d) {
            return d.value() == null ? "invalid date" : d.value();
        }
        return ((Literal.ListOf) l).elements().stream().map(LiteralValues::of).toList();
    }
}
