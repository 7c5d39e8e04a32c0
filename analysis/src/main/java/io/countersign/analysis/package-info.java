/**
 * Policy analysis with an SMT solver: a policy set's meaning (three-valued conditions, windows in their
 * zones, risk, the precedence of outcomes) encoded for Z3, and the questions reviewers ask answered over
 * every request — lint findings and semantic diffs — each example replayed through the reference
 * evaluator before it is shown (docs/analysis.md).
 */
package io.countersign.analysis;
