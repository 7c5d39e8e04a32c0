/**
 * The decision engine: the request and decision model, policies compiled to Drools, the decision
 * procedure, the reference evaluator that explains decisions, and the {@code policy test} runner.
 */
package io.countersign.engine;
