/** The reference evaluator as the judge of every example the solver produces. */
package io.countersign.analysis.oracle;
