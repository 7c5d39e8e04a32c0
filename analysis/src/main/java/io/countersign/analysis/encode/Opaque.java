package io.countersign.analysis.encode;

import io.countersign.lang.ast.Loc;

/**
 * A predicate outside the decidable core (a regex beyond the regular subset, lists compared as
 * sequences, a string read as a duration): the solver treats it as an unknown three-valued input,
 * which keeps every "never" answer sound, and every example that relies on it is checked by the
 * reference evaluator before it is believed.
 */
public record Opaque(Loc loc, String text, String reason) {
}
