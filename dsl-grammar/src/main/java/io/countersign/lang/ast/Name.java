package io.countersign.lang.ast;

/** A declared name (policy, rule, window, risk factor, condition), as written; the checker validates it. */
public record Name(String text, Loc loc) {
}
