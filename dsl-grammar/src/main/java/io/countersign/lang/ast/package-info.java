/**
 * The abstract syntax of the policy language: immutable records and sealed interfaces, every node
 * carrying the {@link io.countersign.lang.ast.Loc} it was read from. The tree keeps what the author
 * wrote (duration literals as written, outcome clauses in their order) so that the formatter can
 * print it back without changing meaning, and leaves judging it to the checker.
 */
package io.countersign.lang.ast;
