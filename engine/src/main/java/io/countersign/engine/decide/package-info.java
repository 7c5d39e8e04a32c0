/**
 * The decision procedure of LANGUAGE.md ("How a decision is reached", "Precise rules"): from an
 * evaluator's findings to an {@link io.countersign.engine.decide.Evaluation} — outcome, grants,
 * stages, risk, deciding rules — and, when policy decides, the {@code ApprovalDecision} record.
 * {@link io.countersign.engine.decide.CompiledProcedure} (production) reads the outcomes compiled once
 * into {@code Plan}s; {@link io.countersign.engine.decide.DecisionProcedure}
 * (reference, explanations) walks the AST.
 */
package io.countersign.engine.decide;
