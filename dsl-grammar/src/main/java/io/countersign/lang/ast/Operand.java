package io.countersign.lang.ast;

/** Either side of an operator: a path into the request or a literal. */
public sealed interface Operand permits Path, Literal {
    Loc loc();
}
