package io.countersign.lang.ast;

import java.util.List;

/**
 * {@code complies "SOX-404" "ISO27001-A.9.2"}: controls a rule satisfies, as written on one line. A
 * decision the rule makes names them in its {@code complianceCheck}; they never change the outcome.
 */
public record Complies(List<Literal.Str> controls, Loc loc) {
    public Complies {
        controls = List.copyOf(controls);
    }
}
