/**
 * The engine as the server holds it: the {@link io.countersign.engine.Countersign} facade over the store,
 * the outcome of the latest policy reload (for {@code /readyz} and the metrics), and the one thing the
 * facade does not do yet: the access question with the gateway's request context.
 */
package io.countersign.server.engine;
