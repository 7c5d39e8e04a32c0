/**
 * The engine as the server holds it: the {@link io.countersign.engine.Countersign} facade over the store,
 * and the outcome of the latest policy reload (for {@code /readyz} and the metrics).
 */
package io.countersign.server.engine;
