/**
 * What a policy set's test cases reach: rules and defaults that decide, risk factors that hold,
 * stages that are asked for, and the outcomes of the set — per file, for {@code policy test --coverage}.
 */
package io.countersign.analysis.coverage;
