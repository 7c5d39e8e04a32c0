/**
 * What conditions mean at run time, shared by the Drools path and the reference evaluator:
 * {@link io.countersign.engine.eval.Facts} (the request as conditions see it), three-valued logic
 * ({@link io.countersign.engine.eval.Tri}), the predicates ({@link io.countersign.engine.eval.Ops}),
 * the AST walked ({@link io.countersign.engine.eval.Interpreter}) or compiled once into a tree the Drools
 * rules evaluate ({@link io.countersign.engine.eval.CompiledCondition}), and the
 * {@link io.countersign.engine.eval.Findings} an evaluator hands to the decision procedure.
 */
package io.countersign.engine.eval;
