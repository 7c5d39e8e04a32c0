/**
 * The production path: a checked policy set compiled into DRL ({@link io.countersign.engine.drools.DrlCompiler})
 * and built into one Drools knowledge base, evaluated with a session reused per thread
 * ({@link io.countersign.engine.drools.DroolsEvaluator}), which touches the objects a request's profile
 * leads to before the request is validated ({@code Prefetch}), so their cache misses overlap.
 */
package io.countersign.engine.drools;
