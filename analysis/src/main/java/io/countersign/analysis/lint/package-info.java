/**
 * {@code policy lint}: exact findings about a policy set, each answered by the solver over every
 * request and each example replayed through the reference evaluator (codes in docs/analysis.md).
 */
package io.countersign.analysis.lint;
