/**
 * The production path: a checked policy set compiled into DRL ({@link io.countersign.engine.drools.DrlCompiler})
 * and built into one Drools knowledge base, evaluated with a session reused per thread
 * ({@link io.countersign.engine.drools.DroolsEvaluator}).
 */
package io.countersign.engine.drools;
