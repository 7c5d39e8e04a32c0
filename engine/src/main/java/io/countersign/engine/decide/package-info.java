/**
 * The decision procedure of LANGUAGE.md ("How a decision is reached", "Precise rules"): from an
 * evaluator's findings to an {@link io.countersign.engine.decide.Evaluation} — outcome, grants,
 * stages, risk, deciding rules — and, when policy decides, the {@code ApprovalDecision} record.
 */
package io.countersign.engine.decide;
