/**
 * The reference evaluator: walks the checked AST directly. It explains decisions (for each rule:
 * matched, not matched or undetermined, and the first predicate that failed, with its source
 * position) and is the oracle the Drools path is tested against.
 */
package io.countersign.engine.reference;
